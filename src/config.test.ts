import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problems(env: Record<string, string>, mode: 'serve' | 'demo' = 'demo'): string[] {
  try {
    loadConfig(env, mode);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('config', () => {
  it('runs the demo on embedded defaults with an empty environment', () => {
    const c = loadConfig({}, 'demo');
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sqlitePath).toBe('./data/ladepay.db');
    expect(c.vipps).toBeUndefined();
    expect(c.publicUrl).toBeUndefined();
    expect(c.sessions.defaultAmountOre).toBe(35_000);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.sessions.amountPresetsOre)).toBe(true);
  });

  it('names every missing Vipps variable and the secrets key when serving for real', () => {
    expect(problems({}, 'serve')).toEqual([
      expect.stringMatching(/^SECRETS_KEY is required: 32 random bytes/),
      'VIPPS_CLIENT_ID is required',
      'VIPPS_CLIENT_SECRET is required',
      'VIPPS_SUBSCRIPTION_KEY is required',
      'VIPPS_MSN is required',
      expect.stringMatching(/^OPERATOR_ADDRESS is required: the seller's address every receipt carries/),
    ]);
  });

  it('accepts a full production configuration', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        PUBLIC_URL: 'https://lad.example.no/',
        DATABASE_URL: 'postgres://u:p@db/ladepay',
        VIPPS_BASE_URL: 'https://api.vipps.no',
        VIPPS_CLIENT_ID: 'id',
        VIPPS_CLIENT_SECRET: 'secret',
        VIPPS_SUBSCRIPTION_KEY: 'key',
        VIPPS_MSN: '123456',
        SECRETS_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=',
        TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1, 2001:db8::/32, loopback',
        OPERATOR_NAME: 'Fjordlading AS',
        OPERATOR_ORG_NUMBER: '923 609 016',
        OPERATOR_ADDRESS: 'Bryggen 1, 5003 Bergen',
      },
      'serve',
    );
    expect(c.host).toBe('0.0.0.0');
    expect(c.http.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', 'loopback']);
    expect(c.publicUrl).toBe('https://lad.example.no');
    expect(c.vipps?.msn).toBe('123456');
    expect(c.operator).toEqual({
      name: 'Fjordlading AS',
      orgNumber: '923609016',
      address: 'Bryggen 1, 5003 Bergen',
      termsUrl: undefined,
      support: undefined,
      party: { countryCode: 'NO', partyId: undefined },
    });
  });

  it('gives the demo an operator with an address and a support contact, as a real one is set up', () => {
    expect(loadConfig({}, 'demo').operator).toEqual({
      name: 'Ladepay Demo Lading AS',
      orgNumber: '999999999',
      address: 'Demoveien 1, 0150 Oslo',
      termsUrl: undefined,
      support: { phone: '+47 22 12 34 56', email: 'kundeservice@ladepay-demo.example' },
      party: { countryCode: 'NO', partyId: 'LDP' },
    });
  });

  it('reads the OCPI party the charger feeds name the operator by', () => {
    const party = (env: Record<string, string>) => loadConfig({ OPERATOR_ADDRESS: 'Bryggen 1, 5003 Bergen', ...env }, 'demo').operator.party;
    expect(party({ OCPI_PARTY_ID: 'fjl', OCPI_COUNTRY_CODE: 'se' })).toEqual({ countryCode: 'SE', partyId: 'FJL' });
    expect(problems({ OCPI_PARTY_ID: 'FJLD', OCPI_COUNTRY_CODE: 'NOR' })).toEqual([
      'OCPI_COUNTRY_CODE must be an ISO 3166-1 alpha-2 country code, e.g. "NO" (got "NOR")',
      'OCPI_PARTY_ID must be 3 letters or digits, e.g. "ABC" (got "FJLD")',
    ]);
  });

  it('reads the support contact: any of phone, email and web page', () => {
    const support = (env: Record<string, string>) => loadConfig({ OPERATOR_ADDRESS: 'Bryggen 1, 5003 Bergen', ...env }, 'demo').operator.support;
    expect(support({ SUPPORT_PHONE: '+47  22 12 34 56', SUPPORT_EMAIL: 'hjelp@fjordlading.no', SUPPORT_URL: 'https://fjordlading.no/hjelp/' })).toEqual({
      phone: '+47 22 12 34 56',
      email: 'hjelp@fjordlading.no',
      url: 'https://fjordlading.no/hjelp',
    });
    expect(support({ SUPPORT_PHONE: '+46 8 123 456 78' })).toMatchObject({ phone: '+46 8 123 456 78' });
    expect(support({ SUPPORT_URL: 'https://fjordlading.no/hjelp' })).toMatchObject({ url: 'https://fjordlading.no/hjelp' });
  });

  it('names a bad support contact, address or organisation number', () => {
    expect(
      problems({ SUPPORT_PHONE: '22 12 34 56', SUPPORT_EMAIL: 'hjelp at fjordlading.no', SUPPORT_URL: 'mailto:hjelp@fjordlading.no', OPERATOR_ORG_NUMBER: '912345678' }),
    ).toEqual([
      'SUPPORT_PHONE must be a phone number with its country code, e.g. "+47 22 12 34 56" (got "22 12 34 56")',
      'SUPPORT_EMAIL must be an email address (got "hjelp at fjordlading.no")',
      'OPERATOR_ORG_NUMBER must be a Norwegian organisation number: 9 digits, the last a valid check digit (got "912345678")',
      'SUPPORT_URL must be a http: or https: URL (got "mailto:hjelp@fjordlading.no")',
    ]);
    // A Norwegian number has eight digits after +47.
    expect(problems({ SUPPORT_PHONE: '+47 22 12 34 5' })).toHaveLength(1);
    expect(problems({ SUPPORT_PHONE: '+47 22 12 34 56 7' })).toHaveLength(1);
  });

  it('names each bad value', () => {
    expect(
      problems({
        PORT: 'eighty',
        PUBLIC_URL: 'ftp://x',
        DATABASE_URL: 'mysql://x',
        VIPPS_MSN: '12',
        MIN_AMOUNT_ORE: '50000',
        MAX_AMOUNT_ORE: '20000',
        CARD_PAYMENTS: 'maybe',
        LOG_LEVEL: 'loud',
        ADMIN_EMAIL: 'a@b.no',
        TRUSTED_PROXIES: '10.0.0.0/33, proxy.example.no',
        HTTP_HEADERS_TIMEOUT_MS: '60000',
        HTTP_REQUEST_TIMEOUT_MS: '30000',
        SSE_STREAMS_PER_SESSION: '0',
        SECRETS_KEY: 'c2hvcnQ=',
      }),
    ).toEqual(
      expect.arrayContaining([
        'PORT must be a whole number from 0 to 65535 (got "eighty")',
        'PUBLIC_URL must be a http: or https: URL (got "ftp://x")',
        'DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "mysql://x")',
        'VIPPS_MSN must be 4 to 7 digits (got "12")',
        'MIN_AMOUNT_ORE must not be above MAX_AMOUNT_ORE',
        'CARD_PAYMENTS must be true or false (got "maybe")',
        'ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither',
        expect.stringMatching(/^LOG_LEVEL must be one of/),
        'TRUSTED_PROXIES: "10.0.0.0/33" is not an address, a CIDR range, loopback, linklocal or uniquelocal',
        'TRUSTED_PROXIES: "proxy.example.no" is not an address, a CIDR range, loopback, linklocal or uniquelocal',
        'HTTP_HEADERS_TIMEOUT_MS must not be above HTTP_REQUEST_TIMEOUT_MS',
        'SSE_STREAMS_PER_SESSION must be a whole number from 1 to 1000 (got "0")',
        expect.stringMatching(/^SECRETS_KEY must be 32 random bytes/),
      ]),
    );
  });

  it('listens on this machine only in the demo unless HOST says otherwise, trusts no proxy, and has short timeouts', () => {
    const demo = loadConfig({}, 'demo');
    expect(demo.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, 'demo').host).toBe('0.0.0.0');
    expect(demo.http).toEqual({
      trustedProxies: [],
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      idleTimeoutMs: 120_000,
      sseStreamsPerAddress: 100,
      sseStreamsPerSession: 5,
    });
  });

  it('reads the alert thresholds and channels, and names what is missing or wrong without echoing an SMTP password', () => {
    const c = loadConfig({ ALERT_STATION_OFFLINE_MINUTES: '30', ALERT_WEBHOOK_URL: 'https://hooks.example.no/ladepay', ALERT_WEBHOOK_SECRET: 'a-long-signing-secret' }, 'demo');
    expect(c.alerts.defaults).toMatchObject({ stationOfflineMinutes: 30, connectorFaultedMinutes: 5, off: [] });
    expect(c.alerts.webhook).toEqual({ url: 'https://hooks.example.no/ladepay', secret: 'a-long-signing-secret', bearerToken: undefined });
    expect(c.alerts.mail).toBeUndefined();
    expect(problems({ SMTP_URL: 'smtp://u:p@mail.example.no:587' })).toEqual(['SMTP_URL needs ALERT_EMAIL_TO (one or more addresses, comma-separated) and ALERT_EMAIL_FROM']);
    const wrong = problems({ SMTP_URL: 'http://user:hunter2secret@mail', ALERT_EMAIL_TO: 'drift@example.no', ALERT_EMAIL_FROM: 'not-an-address', ALERT_STATION_OFFLINE_MINUTES: '0', ALERT_WEBHOOK_SECRET: 'short' });
    expect(wrong.join('\n')).not.toContain('hunter2secret');
    expect(wrong).toEqual([
      'ALERT_STATION_OFFLINE_MINUTES must be a whole number from 1 to 10080 (got "0")',
      'ALERT_WEBHOOK_SECRET must be at least 16 characters',
      'ALERT_WEBHOOK_SECRET and ALERT_WEBHOOK_BEARER_TOKEN need ALERT_WEBHOOK_URL',
      'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.no:587',
      'ALERT_EMAIL_TO/ALERT_EMAIL_FROM: "not-an-address" is not an email address',
      'ALERT_EMAIL_TO and ALERT_EMAIL_FROM need SMTP_URL',
    ]);
  });
});
