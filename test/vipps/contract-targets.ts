import { randomBytes } from 'node:crypto';
import { startVippsSimulator, type VippsSimulator, type VippsSimulatorOptions } from '../../simulators/vipps/index.ts';
import { createVippsClient, type VippsClient, type VippsClientDeps } from '../../src/adapters/vipps/vipps-client.ts';
import {
  createVippsConfig,
  VIPPS_TEST_BASE_URL,
  type VippsConfig,
  type VippsConfigInput,
} from '../../src/adapters/vipps/vipps-config.ts';
import type { VippsCallObservation } from '../../src/adapters/vipps/vipps-observability.ts';
import { createRecordingLogger, type LoggedLine } from './recording-logger.ts';

// Where a contract suite runs: always the simulator; Vipps' own test environment
// when its keys are in the environment (opt-in, never in CI by default).

export interface ContractTarget {
  name: string;
  config(overrides?: Partial<VippsConfigInput>): VippsConfig;
  // Approve a created payment as the test user would.
  approve(client: VippsClient, reference: string): Promise<void>;
  stop(): Promise<void>;
}

export interface RecordedClient {
  client: VippsClient;
  observed: VippsCallObservation[];
  lines: LoggedLine[];
  logText(): string;
}

export function recordedClient(config: VippsConfig, deps: Partial<VippsClientDeps> = {}): RecordedClient {
  const observed: VippsCallObservation[] = [];
  const log = createRecordingLogger();
  const client = createVippsClient(config, {
    logger: log.logger,
    metrics: { observe: (call) => observed.push(call) },
    // Retries in tests wait a few ms, not seconds; the backoff shape has its own unit test.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    ...deps,
  });
  return { client, observed, lines: log.lines, logText: log.text };
}

export function uniqueReference(label: string): string {
  return `lp-${label}-${randomBytes(6).toString('hex')}`;
}

export const TEST_RETRY = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

export async function startSimulatorTarget(
  options: VippsSimulatorOptions = {},
): Promise<ContractTarget & { sim: VippsSimulator }> {
  const sim = await startVippsSimulator({ port: 0, ...options });
  const merchant = sim.merchants[0];
  if (merchant === undefined) throw new Error('the simulator has no merchant');
  return {
    name: 'the Vipps simulator',
    sim,
    config: (overrides = {}) =>
      createVippsConfig({
        baseUrl: sim.url,
        clientId: merchant.clientId,
        clientSecret: merchant.clientSecret,
        subscriptionKey: merchant.subscriptionKey,
        msn: merchant.msn,
        systemVersion: '0.1.0',
        timeoutMs: 5_000,
        retry: TEST_RETRY,
        ...overrides,
      }),
    approve: async (_client, reference) => {
      const outcome = sim.phone.approve(reference);
      if (!outcome.ok) throw new Error(`the simulated phone could not approve ${reference}: ${outcome.detail}`);
    },
    stop: () => sim.stop(),
  };
}

const TEST_ENV_KEYS = ['VIPPS_TEST_CLIENT_ID', 'VIPPS_TEST_CLIENT_SECRET', 'VIPPS_TEST_SUBSCRIPTION_KEY', 'VIPPS_TEST_MSN', 'VIPPS_TEST_PHONE'] as const;

let skipNoticePrinted = false;

// Undefined (with a one-line notice) unless every key is set.
export function vippsTestEnvironmentTarget(): (() => Promise<ContractTarget>) | undefined {
  const missing = TEST_ENV_KEYS.filter((key) => (process.env[key] ?? '') === '');
  if (missing.length > 0) {
    if (!skipNoticePrinted) {
      console.info(`Vipps test environment: skipped (set ${missing.join(', ')} to run the contract suite against ${VIPPS_TEST_BASE_URL})`);
      skipNoticePrinted = true;
    }
    return undefined;
  }
  const env = (key: (typeof TEST_ENV_KEYS)[number]) => process.env[key] ?? '';
  return async () => ({
    name: 'the Vipps test environment',
    config: (overrides = {}) =>
      createVippsConfig({
        baseUrl: process.env['VIPPS_TEST_BASE_URL'] ?? VIPPS_TEST_BASE_URL,
        clientId: env('VIPPS_TEST_CLIENT_ID'),
        clientSecret: env('VIPPS_TEST_CLIENT_SECRET'),
        subscriptionKey: env('VIPPS_TEST_SUBSCRIPTION_KEY'),
        msn: env('VIPPS_TEST_MSN'),
        systemVersion: '0.1.0',
        ...overrides,
      }),
    approve: async (client, reference) => {
      // docs/vipps-contract.md §9: the test user must have approved one payment by hand in the test app before.
      const approved = await client.epayment.forceApprove({ reference, phoneNumber: env('VIPPS_TEST_PHONE') });
      if (!approved.ok) throw new Error(`force approve of ${reference} failed: ${JSON.stringify(approved.failure)}`);
    },
    stop: async () => undefined,
  });
}

export function contractTargets(): { name: string; start: () => Promise<ContractTarget> }[] {
  const real = vippsTestEnvironmentTarget();
  return [
    { name: 'simulator', start: () => startSimulatorTarget() },
    ...(real ? [{ name: 'vipps-test', start: real }] : []),
  ];
}
