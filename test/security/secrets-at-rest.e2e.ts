import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsKeyBytes } from '../../src/config.ts';
import { SecretBox } from '../../src/adapters/security/secret-box.ts';
import { SealedSettings } from '../../src/adapters/storage/sealed-settings.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { WEBHOOK_PATH, startLadepay } from '../../src/start-ladepay.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { systemEnv } from '../support/system.ts';
import { createTestDatabase, primaryDialect, type TestDatabase } from '../support/test-database.ts';

// The webhook secret, the cookie secret and the form key sit in the settings
// table sealed with SECRETS_KEY: a copy of the database shows none of them.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function fixtures(): Promise<{ database: TestDatabase; vipps: VippsSimulator }> {
  const database = await createTestDatabase(primaryDialect());
  const vipps = await startVippsSimulator({ port: 0 });
  cleanup.push(() => database.drop(), () => vipps.stop());
  return { database, vipps };
}

async function start(database: TestDatabase, vipps: VippsSimulator, key: string) {
  const ladepay = await startLadepay(loadConfig(systemEnv(database, vipps, { SECRETS_KEY: key }), 'serve'), { logger: pino({ level: 'silent' }) });
  return ladepay;
}

async function rawSettings(database: TestDatabase): Promise<Array<{ key: string; value: string }>> {
  return database.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
}

function sealedWith(database: TestDatabase, key: string): SealedSettings {
  return new SealedSettings(new SettingsStore(database.db), new SecretBox(secretsKeyBytes(key)!), () => new Date());
}

describe('secrets at rest', () => {
  it('keeps the webhook secret, cookie secret and form key only sealed in the settings table', async () => {
    const { database, vipps } = await fixtures();
    const key = randomBytes(32).toString('base64');
    const ladepay = await start(database, vipps, key);
    const webhookRow = `vipps.webhook:${ladepay.publicUrl}${WEBHOOK_PATH}`;
    await ladepay.stop();

    const sealed = sealedWith(database, key);
    const plain = {
      webhook: JSON.parse((await sealed.get(webhookRow)) ?? '{}') as { id: string; secret: string },
      cookie: await sealed.get('secret:console.cookie'),
      formKey: await sealed.get('secret:driver.form-key'),
    };
    expect(plain.webhook.secret).toMatch(/.{16,}/);
    expect(plain.cookie).toMatch(/.{32,}/);
    expect(plain.formKey).toMatch(/.{32,}/);

    const rows = await rawSettings(database);
    const text = JSON.stringify(rows);
    for (const secret of [plain.webhook.secret, plain.webhook.id, plain.cookie!, plain.formKey!, key]) expect(text).not.toContain(secret);
    for (const row of rows.filter((r) => /^(secret:|vipps\.webhook:)/.test(r.key))) expect(row.value).toMatch(/^aes256gcm:v1:/);
  });

  it('seals secrets an earlier version kept in clear on the first start with a key, and keeps using them', async () => {
    const { database, vipps } = await fixtures();
    const settings = new SettingsStore(database.db);
    const oldCookie = randomBytes(32).toString('base64url');
    const oldFormKey = randomBytes(32).toString('base64url');
    await settings.set('secret:console.cookie', oldCookie, new Date());
    await settings.set('secret:driver.form-key', oldFormKey, new Date());
    await settings.set('vipps.webhook:https://old.example.no/webhooks/vipps', JSON.stringify({ id: 'wh-old', secret: 'old-webhook-secret-in-clear' }), new Date());

    const key = randomBytes(32).toString('hex');
    const ladepay = await start(database, vipps, key);
    await ladepay.stop();

    const text = JSON.stringify(await rawSettings(database));
    for (const secret of [oldCookie, oldFormKey, 'old-webhook-secret-in-clear']) expect(text).not.toContain(secret);
    const sealed = sealedWith(database, key);
    // The same secrets, so logins and stop forms made before the upgrade still work.
    expect(await sealed.get('secret:console.cookie')).toBe(oldCookie);
    expect(await sealed.get('secret:driver.form-key')).toBe(oldFormKey);
    expect(JSON.parse((await sealed.get('vipps.webhook:https://old.example.no/webhooks/vipps'))!)).toEqual({ id: 'wh-old', secret: 'old-webhook-secret-in-clear' });
  });

  it('refuses to start with a key other than the one the secrets were sealed with, saying so, and changes nothing', async () => {
    const { database, vipps } = await fixtures();
    const right = randomBytes(32).toString('base64');
    await (await start(database, vipps, right)).stop();
    const before = await rawSettings(database);

    const wrong = randomBytes(32).toString('base64');
    const failure = await start(database, vipps, wrong).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toMatch(/SECRETS_KEY \(key id [0-9a-f]{12}\) is not the key this database's secrets were sealed with \(key id [0-9a-f]{12}\)/);
    expect(await rawSettings(database)).toEqual(before);
    // The right key still opens them.
    await (await start(database, vipps, right)).stop();
  });

  it('will not serve without a key, and names a malformed one', () => {
    const env = { VIPPS_CLIENT_ID: 'id', VIPPS_CLIENT_SECRET: 's', VIPPS_SUBSCRIPTION_KEY: 'k', VIPPS_MSN: '123456' };
    expect(() => loadConfig(env, 'serve')).toThrow(/SECRETS_KEY is required/);
    expect(() => loadConfig({ ...env, SECRETS_KEY: 'too-short' }, 'serve')).toThrow(/SECRETS_KEY must be 32 random bytes/);
  });
});
