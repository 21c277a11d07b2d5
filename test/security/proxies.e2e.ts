import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { AuditLog } from '../../src/adapters/storage/audit-log.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { metricValue } from './metric-value.ts';

// X-Forwarded-For/-Proto/-Host are the client's own words unless a proxy we
// were told to trust (TRUSTED_PROXIES) adds them. The attacker here talks to
// Ladepay directly and names any address and host it likes.

const OWNER = { email: 'eier@example.no', password: 'a-long-owner-password' };

// All at once (as an attacker would, and so the minute's window cannot run out on a slow machine): a new client
// each time (no cookie to tie them together), its own made-up address, its own account. Answers how many got which status.
async function loginsFromRotatingAddresses(base: string, count: number): Promise<Record<number, number>> {
  const statuses = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const client = new ConsoleClient(base, { 'x-forwarded-for': `198.51.100.${i + 1}` });
      return (await client.login(`guess${i}@example.no`, 'not-the-password')).status;
    }),
  );
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

function startPayment(base: string, code: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/c/${code}/start`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', ...headers },
    body: new URLSearchParams({ amount: '30000', terms: 'yes', method: 'WALLET' }).toString(),
  });
}

describe('without TRUSTED_PROXIES', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { PUBLIC_URL: 'https://lad.example.no' } });
  });
  afterAll(async () => sys?.stop());

  it('refuses 30 console logins with rotating X-Forwarded-For like any others from one address, and audits the real one', async () => {
    expect(await loginsFromRotatingAddresses(sys.ladepay.url, 30)).toEqual({ 401: 20, 429: 10 });
    const logins = await new AuditLog(sys.ladepay.database.db).recent({ limit: 100, action: 'console.login' });
    expect(logins).toHaveLength(20);
    expect(new Set(logins.map((r) => r.address))).toEqual(new Set(['127.0.0.1']));
  });

  it('refuses the 11th payment start in a minute whatever address the client names', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // An unknown connector: each answer is quick, and the limit counts before the code is looked up.
      statuses.push((await startPayment(sys.ladepay.url, 'NOSUCH', { origin: 'https://lad.example.no', 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses[10]).toBe(429);
    expect(await metricValue(sys.ladepay.url, 'ladepay_limit_refusals_total', { door: 'driver_start', limit: 'per_address' })).toBe(1);
  });
});

describe('origin checks without TRUSTED_PROXIES', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { PUBLIC_URL: 'https://lad.example.no' } });
  });
  afterAll(async () => sys?.stop());

  it('does not let X-Forwarded-Host and -Proto turn a cross-site form into a same-site one', async () => {
    const spoofed = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const res = await startPayment(sys.ladepay.url, 'NOSUCH', spoofed);
    expect(res.status).toBe(403);

    const users = new UserStore(sys.ladepay.database.db);
    await users.create({ email: OWNER.email, passwordHash: await hashPassword(OWNER.password), role: 'owner' }, new Date());
    const console = new ConsoleClient(sys.ladepay.url);
    expect((await console.login(OWNER.email, OWNER.password)).status).toBe(303);
    const form = await console.post('/console/sites', { _csrf: await console.csrf(), id: 'evil', name: 'Planted by another site' }, spoofed);
    expect(form.status).toBe(403);
    expect(form.text).toContain('Form refused');
  });
});

describe('with TRUSTED_PROXIES naming the proxy', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { PUBLIC_URL: 'https://lad.example.no', TRUSTED_PROXIES: '127.0.0.1/32, ::1' } });
  });
  afterAll(async () => sys?.stop());

  it('takes the address the proxy forwards: 30 clients behind it are 30 clients, and the audit names each', async () => {
    expect(await loginsFromRotatingAddresses(sys.ladepay.url, 30)).toEqual({ 401: 30 });
    const logins = await new AuditLog(sys.ladepay.database.db).recent({ limit: 100, action: 'console.login' });
    expect(new Set(logins.map((r) => r.address)).size).toBe(30);
    expect(logins.map((r) => r.address)).toContain('198.51.100.30');
  });

  it('takes the host and scheme the proxy forwards for the origin check', async () => {
    const viaProxy = { origin: 'https://lad.example.no', 'x-forwarded-host': 'lad.example.no', 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.50' };
    // Past the origin check, to the unknown connector.
    expect((await startPayment(sys.ladepay.url, 'NOSUCH', viaProxy)).status).toBe(404);
    const foreign = { ...viaProxy, origin: 'https://evil.example', 'x-forwarded-for': '192.0.2.51' };
    expect((await startPayment(sys.ladepay.url, 'NOSUCH', foreign)).status).toBe(403);
  });
});
