import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SERVE = {
  VIPPS_CLIENT_ID: 'id',
  VIPPS_CLIENT_SECRET: 'secret',
  VIPPS_SUBSCRIPTION_KEY: 'key',
  VIPPS_MSN: '123456',
  SECRETS_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=',
  OPERATOR_ADDRESS: 'Bryggen 1, 5003 Bergen',
};

// The demo is read by a person at a terminal; `serve` by a log collector.
describe('logging configuration', () => {
  it('gives the demo readable lines, warnings and above, and serve JSON lines from info', () => {
    expect(loadConfig({}, 'demo')).toMatchObject({ logLevel: 'warn', logFormat: 'pretty' });
    expect(loadConfig(SERVE, 'serve')).toMatchObject({ logLevel: 'info', logFormat: 'json' });
    expect(loadConfig({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, 'demo')).toMatchObject({ logLevel: 'info', logFormat: 'json' });
  });

  it('names a bad LOG_FORMAT', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' }, 'demo')).toThrow(ConfigError);
    try {
      loadConfig({ LOG_FORMAT: 'yaml' }, 'demo');
    } catch (e) {
      expect((e as ConfigError).problems).toContain('LOG_FORMAT must be json or pretty (got "yaml")');
    }
  });
});
