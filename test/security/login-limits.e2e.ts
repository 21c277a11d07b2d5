import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { captureLog, type CapturedLog } from './log-lines.ts';
import { metricValue } from './metric-value.ts';

// Limits that count an attempt before they check it: parallel attempts cannot
// all slip past a count that grows only after each password is tested.

const VICTIM = { email: 'drift@example.no', password: 'the-right-password-1' };

// Passwords actually tested, as the log tells them: one line per verdict.
function passwordChecks(log: CapturedLog): number {
  return log.lines().filter((l) => l.msg === 'console login refused' || l.msg === 'console login').length;
}

describe('console login', () => {
  let sys: TestSystem;
  let log: CapturedLog;

  beforeAll(async () => {
    log = captureLog('info');
    // Behind a trusted proxy, each attempt from its own address: only the per-account limit stands in the way.
    sys = await startSystem({ dialect: primaryDialect(), logger: log.logger, env: { TRUSTED_PROXIES: '127.0.0.1' } });
    await new UserStore(sys.ladepay.database.db).create({ email: VICTIM.email, passwordHash: await hashPassword(VICTIM.password), role: 'owner' }, new Date());
  });
  afterAll(async () => sys?.stop());

  it('tests at most the limit of 40 parallel guesses, and refuses the right password among and after them', async () => {
    const clients = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const client = new ConsoleClient(sys.ladepay.url, { 'x-forwarded-for': `198.51.100.${i + 1}` });
        return { client, csrf: ConsoleClient.csrfOf((await client.get('/console/login')).text) };
      }),
    );
    const answers = await Promise.all(
      clients.map(({ client, csrf }, i) =>
        client.post('/console/login', { _csrf: csrf, email: VICTIM.email, password: i === 34 ? VICTIM.password : `guess-number-${i}`, next: '/console' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 303)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(35);
    expect(passwordChecks(log)).toBeLessThanOrEqual(5);
    expect(await metricValue(sys.ladepay.url, 'ladepay_credential_checks_total', { door: 'console_login', outcome: 'wrong' })).toBe(passwordChecks(log));

    const after = new ConsoleClient(sys.ladepay.url, { 'x-forwarded-for': '192.0.2.99' });
    const late = await after.login(VICTIM.email, VICTIM.password);
    expect(late.status).toBe(429);
    expect(late.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(after.cookies.has('lp_console')).toBe(false);
    expect(passwordChecks(log)).toBeLessThanOrEqual(5);
    expect(await metricValue(sys.ladepay.url, 'ladepay_limit_refusals_total', { door: 'console_login', limit: 'per_email' })).toBe(36);
  });
});

describe('API token and the driver’s stop, from one address', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  it('checks at most 30 of 40 parallel made-up tokens, and refuses the rest with 429 before any lookup', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => fetch(`${sys.ladepay.url}/api/v1/sites`, { headers: { authorization: `Bearer lp_made-up-token-number-${i}-xxxxxxxxxxxx` } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBe(30);
    expect(statuses.filter((s) => s === 429).length).toBe(10);
    const refusedBody = (await answers[statuses.indexOf(429)]!.json()) as { error: string; message: string };
    expect(refusedBody.error).toBe('too_many_requests');
    expect(await metricValue(sys.ladepay.url, 'ladepay_credential_checks_total', { door: 'api_token', outcome: 'wrong' })).toBe(30);
  });

  it('lets good tokens through without using up the allowance', async () => {
    const other = await startSystem({ dialect: primaryDialect() });
    try {
      const { token } = await new ApiTokenStore(other.ladepay.database.db).create('bookkeeping', new Date());
      const statuses = await Promise.all(Array.from({ length: 40 }, () => fetch(`${other.ladepay.url}/api/v1/sites`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)));
      expect(statuses).toEqual(Array(40).fill(200));
    } finally {
      await other.stop();
    }
  });

  it('refuses the 31st stop in a minute before the token or the form is looked at', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${sys.ladepay.url}/s/NoSuchSessionToken${i}/stop`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sys.ladepay.url, 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: 'check=guess',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404 || s === 403)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await metricValue(sys.ladepay.url, 'ladepay_limit_refusals_total', { door: 'driver_stop', limit: 'per_address' })).toBe(1);
  });
});
