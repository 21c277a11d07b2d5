import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryMessageLog, type MemoryMessageLog } from '../../src/adapters/ocpp/memory-message-log.ts';
import { createOcppServer, type OcppLimits, type OcppServer, type UpgradeOutcome } from '../../src/adapters/ocpp/ocpp-server.ts';
import { createStationAuthLimiter, type AuthLimits } from '../../src/adapters/ocpp/station-auth-limiter.ts';
import { createStationLockouts, type StationLockouts } from '../../src/adapters/ocpp/station-lockouts.ts';
import { createMemoryLockoutStore } from './memory-lockout-store.ts';
import type { StationCredentials } from '../../src/adapters/ocpp/station-directory.ts';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { RecordingChargerEvents } from './recording-charger-events.ts';
import { createRecordingLogger, type RecordingLogger } from './recording-logger.ts';

export interface TestCsms {
  // ws://127.0.0.1:{port}/ocpp — a station connects to {ocppUrl}/{stationId}.
  ocppUrl: string;
  port: number;
  ocpp: OcppServer;
  events: RecordingChargerEvents;
  log: MemoryMessageLog;
  logger: RecordingLogger;
  lockouts: StationLockouts;
  // What the endpoint counted: upgrades by outcome, refused frames by reason, replaced sockets.
  counts: Map<string, number>;
  addStation(stationId: string, password: string, opts?: { disabled?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

// The OCPP endpoint behind a plain node:http server on a free port, with an
// in-memory station directory holding real scrypt hashes.
// The shipped defaults (src/config.ts), unless a test says otherwise.
const DEFAULT_LIMITS: OcppLimits & AuthLimits = {
  maxFrameBytes: 1_048_576,
  maxCallsInFlight: 20,
  maxConnectionsPerAddress: 100,
  failuresPerStation: 5,
  failuresPerAddress: 50,
  lockoutSeconds: 900,
  maxDelayMs: 4000,
};

export async function startTestCsms(
  opts: { callTimeoutMs?: number; heartbeatIntervalSeconds?: number; meterIntervalSeconds?: number; limits?: Partial<OcppLimits & AuthLimits> } = {},
): Promise<TestCsms> {
  const credentials = new Map<string, StationCredentials>();
  const events = new RecordingChargerEvents();
  const log = createMemoryMessageLog(5000);
  const logger = createRecordingLogger();
  const { limits: wanted, ...timing } = opts;
  const limits = { ...DEFAULT_LIMITS, ...wanted };
  const lockouts = createStationLockouts({ store: createMemoryLockoutStore(), limiter: createStationAuthLimiter(limits), logger, now: () => new Date() });
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const ocpp = createOcppServer({
    stations: { findCredentials: async (stationId) => credentials.get(stationId), settleSecondPassword: async () => undefined },
    log,
    events,
    // Firmware and diagnostics progress is the operator's; this endpoint keeps none.
    reports: { transferStatus: async () => undefined },
    logger,
    limits,
    lockouts,
    metrics: {
      upgrade: (outcome: UpgradeOutcome) => count(`upgrade:${outcome}`),
      frameRefused: (reason) => count(`frame:${reason}`),
      connectionReplaced: () => count('replaced'),
    },
    clientAddress: (req) => req.socket.remoteAddress ?? 'unknown',
    now: () => new Date(),
    ...timing,
  });
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  http.on('upgrade', ocpp.handleUpgrade);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    port,
    ocpp,
    events,
    log,
    logger,
    lockouts,
    counts,
    async addStation(stationId, password, { disabled = false } = {}) {
      credentials.set(stationId, { passwordHash: await hashPassword(password), disabled });
    },
    async stop() {
      await ocpp.close();
      http.closeAllConnections();
      await new Promise<void>((resolve, reject) => http.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
