import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { chargeUntil } from './settled-session.ts';

// A refund is made once per request, however often the request arrives: the
// console's form carries a nonce, the API's call an Idempotency-Key. What
// counts is the Vipps simulator's books.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
});
afterAll(async () => sys?.stop());

async function settledSession(id: string, code: string): Promise<Session> {
  await sys.addStation(id, 'ocpp1.6', code);
  const cp = await sys.connect(id, 'ocpp1.6');
  const s = await chargeUntil(sys, cp, code, { minutes: 60, end: 'settled' });
  expect(s.capturedOre).toBeGreaterThan(4000);
  return s;
}

// Vipps' own record: the refunds it made, and the total.
function refundsInVipps(reference: string): { amounts: number[]; total: number } {
  const books = sys.vipps.books(reference)!;
  return {
    amounts: books.events.filter((e) => e.name === 'REFUNDED' && e.success).map((e) => e.amount.value),
    total: books.payment.aggregate.refundedAmount.value,
  };
}

describe('the console’s refund form', () => {
  it('submitted twice (at once, and again later) refunds once and says so; a new form refunds again', async () => {
    const s = await settledSession('CP-RF1', 'REFUND1');
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const path = `/console/sessions/${s.id}`;
    const page = (await client.get(path)).text;
    const form = { _csrf: ConsoleClient.csrfOf(page), nonce: /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? '', amount: '10,00', reason: 'Kabelen var ødelagt' };

    const twice = await Promise.all([client.post(`${path}/refund`, form), client.post(`${path}/refund`, form)]);
    const again = await client.post(`${path}/refund`, form);
    expect(refundsInVipps(s.reference)).toEqual({ amounts: [1000], total: 1000 });
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    expect(twice.map((r) => r.location).sort()).toEqual([`${path}?notice=refund-repeated`, `${path}?notice=refunded`]);
    expect(again.location).toBe(`${path}?notice=refund-repeated`);
    expect((await client.get(again.location!)).text).toContain('This refund was already made: nothing more was refunded.');

    // Another form is another refund.
    const next = (await client.get(path)).text;
    const other = await client.post(`${path}/refund`, { ...form, _csrf: ConsoleClient.csrfOf(next), nonce: /name="nonce" value="([^"]+)"/.exec(next)?.[1] ?? '', amount: '5,00' });
    expect(other.location).toBe(`${path}?notice=refunded`);
    expect(refundsInVipps(s.reference)).toEqual({ amounts: [1000, 500], total: 1500 });
    expect((await sys.session(s.token)).refundedOre).toBe(1500);
  });
});

describe('the API’s refund', () => {
  let token: string;

  beforeAll(async () => {
    token = (await new ApiTokenStore(sys.ladepay.database.db).create('refunds', new Date())).token;
  });

  function refund(sessionId: string, key: string | undefined, amountOre: number) {
    return fetch(`${sys.ladepay.url}/api/v1/sessions/${sessionId}/refund`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ amountOre, reason: 'Feil på laderen' }),
    });
  }

  it('three calls at once with one Idempotency-Key refund once; the repeats answer the first; two other keys both refund', async () => {
    const s = await settledSession('CP-RF2', 'REFUND2');
    const three = await Promise.all([1, 2, 3].map(() => refund(s.id, 'order-4711-refund-1', 700)));
    // The same key later, after a lost answer, say: still once.
    const later = await refund(s.id, 'order-4711-refund-1', 700);
    expect(refundsInVipps(s.reference)).toEqual({ amounts: [700], total: 700 });
    expect(three.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(three.map((r) => r.headers.get('idempotent-replayed') ?? 'first').sort()).toEqual(['first', 'true', 'true']);
    for (const r of three) expect(((await r.json()) as { refundedOre: number }).refundedOre).toBe(700);
    expect(later.status).toBe(200);
    expect(later.headers.get('idempotent-replayed')).toBe('true');

    const two = await Promise.all([refund(s.id, 'order-4711-refund-2', 300), refund(s.id, 'order-4711-refund-3', 200)]);
    expect(two.map((r) => r.status)).toEqual([200, 200]);
    expect(refundsInVipps(s.reference).total).toBe(1200);
    expect(refundsInVipps(s.reference).amounts.sort()).toEqual([200, 300, 700]);
    expect((await sys.session(s.token)).refundedOre).toBe(1200);
  });

  it('refuses a refund without a key, a key used for another amount, and more than is left', async () => {
    const s = await settledSession('CP-RF3', 'REFUND3');
    expect((await refund(s.id, undefined, 100)).status).toBe(400);
    expect((await refund(s.id, 'order-4712-refund-1', 100)).status).toBe(200);
    const reused = await refund(s.id, 'order-4712-refund-1', 150);
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { message: string }).message).toMatch(/used for another refund/);
    const tooMuch = await refund(s.id, 'order-4712-refund-2', s.capturedOre);
    expect(tooMuch.status).toBe(409);
    expect(refundsInVipps(s.reference)).toEqual({ amounts: [100], total: 100 });
  });
});
