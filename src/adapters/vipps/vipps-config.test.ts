import { describe, expect, it } from 'vitest';
import { createVippsConfig, VIPPS_TEST_BASE_URL, type VippsConfigInput } from './vipps-config.ts';

const input: VippsConfigInput = {
  baseUrl: `${VIPPS_TEST_BASE_URL}/`,
  clientId: 'id',
  clientSecret: 'secret-value',
  subscriptionKey: 'key-value',
  msn: '123456',
  systemVersion: '1.2.3',
};

describe('createVippsConfig', () => {
  it('fills defaults, trims the base URL and freezes the result', () => {
    const config = createVippsConfig(input);
    expect(config.baseUrl).toBe('https://apitest.vipps.no');
    expect(config.system).toEqual({ name: 'Ladepay', version: '1.2.3', pluginName: 'ladepay-vipps-client', pluginVersion: '1.2.3' });
    expect(config.retry).toEqual({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps the keys out of JSON (and so out of logs)', () => {
    const text = JSON.stringify(createVippsConfig(input));
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('key-value');
  });

  it.each<[string, Partial<VippsConfigInput>]>([
    ['a base URL that is not one', { baseUrl: 'apitest.vipps.no' }],
    ['a base URL with a query', { baseUrl: 'https://apitest.vipps.no/?x=1' }],
    ['an MSN with letters', { msn: '12a456' }],
    ['an MSN of 8 digits', { msn: '12345678' }],
    ['an empty client secret', { clientSecret: ' ' }],
    ['a system header over 30 chars', { systemName: 'L'.repeat(31) }],
    ['no tries at all', { retry: { maxAttempts: 0 } }],
  ])('refuses %s', (_name, overrides) => {
    expect(() => createVippsConfig({ ...input, ...overrides })).toThrow(/Vipps config/);
  });
});
