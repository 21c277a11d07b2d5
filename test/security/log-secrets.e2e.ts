import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { secretsKeyBytes } from '../../src/config.ts';
import { SecretBox } from '../../src/adapters/security/secret-box.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { SealedSettings } from '../../src/adapters/storage/sealed-settings.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { WEBHOOK_PATH } from '../../src/start-ladepay.ts';
import { createLadepayLogger } from '../../src/ladepay-logger.ts';
import { phoneButtonUrl } from '../../simulators/vipps/index.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { eventually } from '../support/eventually.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { firstSessionEvent, openStream } from './event-stream.ts';
import { captureLog, type CapturedLog } from './log-lines.ts';

// The whole flow through real sockets with the log at trace, as an operator
// would collect it; then every token, secret and password the run made or
// used is looked for in every line. Whoever reads the logs must not be able
// to watch or stop a driver's charge, log in, call the API, connect as a
// station or forge a webhook.

const ADMIN = { email: 'drift@example.no', password: 'console-password-long-1' };
const WRONG_PASSWORD = 'typed-the-wrong-console-password';
const WRONG_STATION_PASSWORD = 'not-the-station-password-x';

let sys: TestSystem;
let log: CapturedLog;
const secrets = new Map<string, string>();

function keep(name: string, value: string | undefined | null): void {
  if (!value) throw new Error(`no ${name} to look for`);
  secrets.set(name, value);
}

function form(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
}

function cookieValues(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=').slice(1).join('=')).filter((v) => v !== '');
}

beforeAll(async () => {
  log = captureLog('trace', (destination) => createLadepayLogger('trace', destination));
  sys = await startSystem({ dialect: primaryDialect(), logger: log.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'trace' } });
  await sys.addStation('LOG-1', 'ocpp1.6', 'LOGAAA');
}, 60_000);
afterAll(async () => sys?.stop());

describe('the log of a whole run', () => {
  it('pays, charges and stops through the driver’s pages', async () => {
    const base = sys.ladepay.url;
    const cp = await sys.connect('LOG-1', 'ocpp1.6');
    await cp.plugIn(1, { socPercent: 30 });
    const landing = await fetch(`${base}/c/LOGAAA`);
    expect(landing.status).toBe(200);
    for (const v of cookieValues(landing)) keep(`driver cookie ${v.slice(0, 4)}`, v);

    const pay = await form(`${base}/c/LOGAAA/start`, { amount: '35000', terms: 'yes', method: 'WALLET' }, { origin: base });
    expect(pay.status).toBe(303);
    const phoneUrl = pay.headers.get('location')!;
    keep('Vipps phone URL token', new URL(phoneUrl).searchParams.get('token'));
    const approved = await form(phoneButtonUrl(phoneUrl, 'approve'), {});
    const statusUrl = approved.headers.get('location')!;
    const token = new URL(statusUrl).pathname.split('/')[2];
    keep('session token', token);

    const status = await fetch(statusUrl);
    expect(status.status).toBe(200);
    expect((await fetch(`${statusUrl}.json`)).status).toBe(200);
    const stream = await openStream(`${statusUrl}/events`);
    await firstSessionEvent(stream);
    stream.close();
    await sys.waitForState(token!, 'charging');
    await cp.tick(20 * 60_000);

    const page = await (await fetch(statusUrl)).text();
    const check = /name="check" value="([^"]+)"/.exec(page)?.[1];
    keep('stop form check', check);
    const stop = await form(`${statusUrl}/stop`, { check: check! }, { origin: new URL(statusUrl).origin });
    expect(stop.status).toBe(303);
    await sys.waitForState(token!, 'settled');
    await sys.ladepay.outboxWorker.drain();
  });

  it('logs in to the console (once wrongly), refunds, and logs out', async () => {
    keep('console password', ADMIN.password);
    keep('wrong console password', WRONG_PASSWORD);
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, WRONG_PASSWORD)).status).toBe(401);
    keep('login nonce cookie', client.cookies.get('lp_login'));
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    keep('console session cookie', client.cookies.get('lp_console'));
    const sessions = await client.get('/console/sessions?state=settled');
    const id = /href="\/console\/sessions\/([a-z2-7]+)"/.exec(sessions.text)?.[1];
    const page = (await client.get(`/console/sessions/${id}`)).text;
    const csrf = ConsoleClient.csrfOf(page);
    keep('console CSRF token', csrf);
    const nonce = ConsoleClient.nonceOf(page);
    keep('refund form nonce', nonce);
    const refund = await client.post(`/console/sessions/${id}/refund`, { _csrf: csrf, nonce, amount: '1,00', reason: 'cable fault' });
    expect(refund.status).toBe(303);
    // A form with its token in the query, as a careless client might send it.
    await client.get(`/console/sessions?_csrf=${encodeURIComponent(csrf)}`);
    expect((await client.post('/console/logout', { _csrf: csrf })).status).toBe(303);
  });

  it('calls the API with a bearer token', async () => {
    const { token } = await new ApiTokenStore(sys.ladepay.database.db).create('bookkeeping', new Date());
    keep('API token', token);
    const res = await fetch(`${sys.ladepay.url}/api/v1/sessions`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await fetch(`${sys.ladepay.url}/api/v1/sessions?token=${token}`)).status).toBe(401);
  });

  it('sees a station refused for a wrong password', async () => {
    keep('station password', STATION_PASSWORD);
    keep('wrong station password', WRONG_STATION_PASSWORD);
    const ws = new WebSocket(`${sys.ladepay.url.replace(/^http/, 'ws')}/ocpp/LOG-1`, ['ocpp1.6'], {
      headers: { authorization: `Basic ${Buffer.from(`LOG-1:${WRONG_STATION_PASSWORD}`).toString('base64')}` },
    });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    ws.terminate();
    expect(status).toBe(401);
  });

  it('holds none of them in any line', async () => {
    const key = sys.env.SECRETS_KEY!;
    keep('SECRETS_KEY', key);
    const sealed = new SealedSettings(new SettingsStore(sys.ladepay.database.db), new SecretBox(secretsKeyBytes(key)!), () => new Date());
    const webhook = JSON.parse((await sealed.get(`vipps.webhook:${sys.ladepay.publicUrl}${WEBHOOK_PATH}`)) ?? '{}') as { secret?: string };
    keep('webhook secret', webhook.secret);
    keep('console cookie secret', await sealed.get('secret:console.cookie'));
    keep('driver form key', await sealed.get('secret:driver.form-key'));
    keep('Vipps client secret', sys.env.VIPPS_CLIENT_SECRET);
    keep('Vipps subscription key', sys.env.VIPPS_SUBSCRIPTION_KEY);
    // The webhook the simulator sent reached us (so its signature was in play).
    await eventually(() => log.lines().some((l) => l.msg === 'Vipps webhook accepted'), 'a webhook in the log');

    const text = log.text();
    const lines = log.lines();
    // The log was there to be read: the run's requests at trace, with the URLs redacted.
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((l) => l.msg === 'incoming request' && JSON.stringify(l.req).includes('/s/[token]'))).toBe(true);
    const found = [...secrets].filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value)));
    expect(found.map(([name]) => name)).toEqual([]);
  });
});
