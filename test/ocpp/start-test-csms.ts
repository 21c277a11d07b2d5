import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryMessageLog, type MemoryMessageLog } from '../../src/adapters/ocpp/memory-message-log.ts';
import { createOcppServer, type OcppServer } from '../../src/adapters/ocpp/ocpp-server.ts';
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
  addStation(stationId: string, password: string, opts?: { disabled?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

// The OCPP endpoint behind a plain node:http server on a free port, with an
// in-memory station directory holding real scrypt hashes.
export async function startTestCsms(
  opts: { callTimeoutMs?: number; heartbeatIntervalSeconds?: number; meterIntervalSeconds?: number } = {},
): Promise<TestCsms> {
  const credentials = new Map<string, StationCredentials>();
  const events = new RecordingChargerEvents();
  const log = createMemoryMessageLog(5000);
  const logger = createRecordingLogger();
  const ocpp = createOcppServer({
    stations: { findCredentials: async (stationId) => credentials.get(stationId) },
    log,
    events,
    logger,
    ...opts,
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
