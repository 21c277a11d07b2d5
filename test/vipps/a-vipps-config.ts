import { createVippsConfig, type VippsConfig, type VippsConfigInput } from '../../src/adapters/vipps/vipps-config.ts';

export const FIXTURE_SECRETS = {
  clientId: 'client-id-0001',
  clientSecret: 'client-secret-do-not-log',
  subscriptionKey: 'subscription-key-do-not-log',
};

export function aVippsConfig(overrides: Partial<VippsConfigInput> = {}): VippsConfig {
  return createVippsConfig({
    baseUrl: 'http://vipps.test',
    ...FIXTURE_SECRETS,
    msn: '123456',
    systemVersion: '0.1.0',
    timeoutMs: 1_000,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 },
    ...overrides,
  });
}
