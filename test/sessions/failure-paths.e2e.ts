import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../simulators/vipps/index.ts';
import { PaymentEventStore } from '../../src/adapters/storage/payment-event-store.ts';
import { eventually } from '../support/eventually.ts';
import { recordVippsRequests } from '../support/vipps-request-log.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';

const MAX = 35_000;

describe('drop-in failure paths', () => {
  let sys: TestSystem;
  let n = 0;
  const vippsRequests = recordVippsRequests();

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), vippsOptions: { logger: { level: 'info', stream: vippsRequests.stream } } });
  });
  afterAll(async () => sys?.stop());

  async function station(protocol: 'ocpp1.6' | 'ocpp2.0.1' = 'ocpp1.6', extra = {}) {
    n += 1;
    const id = `CP-F${n}`;
    const code = `FAIL${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol, extra);
    return { cp, code };
  }

  async function pay(code: string, maxAmountOre = MAX) {
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre, method: 'WALLET' });
    if (!r.ok) throw new Error(`start refused: ${r.reason}`);
    const s = await sys.session(r.token);
    return { token: r.token, reference: s.reference };
  }

  function books(reference: string) {
    const b = sys.vipps.books(reference);
    if (!b) throw new Error(`no payment ${reference}`);
    return { ...b.payment.aggregate, state: b.payment.state, events: b.events };
  }

  it('a driver who rejects in Vipps pays nothing, and the connector is free again', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    const p = await pay(code);
    sys.vipps.phone.reject(p.reference);
    const s = await sys.waitForState(p.token, 'payment_failed');
    expect(s.failure).toBe('rejected');
    expect(cp.connector(1).transactionId).toBeUndefined();
    const next = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    expect(next.ok).toBe(true);
  });

  it('five presses at once make one session and one reservation (invariant 4)', async () => {
    const { code } = await station();
    const presses = await Promise.all(
      Array.from({ length: 5 }, () => sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' })),
    );
    const tokens = new Set(presses.map((p) => (p.ok ? p.token : `refused:${p.reason}`)));
    expect(tokens.size).toBe(1);
    const [token] = [...tokens];
    expect(token?.startsWith('refused')).toBe(false);
    const rows = await sys.database.db.selectFrom('sessions').select('id').where('connector_id', 'like', `CP-F${n}-%`).execute();
    expect(rows).toHaveLength(1);
    // Someone else pressing with another amount while it waits is refused: the connector is taken.
    const other = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 20_000, method: 'WALLET' });
    expect(other).toEqual({ ok: false, reason: 'occupied' });
  });

  it('an approval that never comes ends when Vipps expires the payment', async () => {
    const { code } = await station();
    const p = await pay(code);
    sys.vipps.clock.advance(11 * 60 * 1000);
    sys.vipps.sweep();
    const s = await sys.waitForState(p.token, 'payment_failed');
    expect(s.failure).toBe('expired');
    expect(books(p.reference).state).toBe('EXPIRED');
  });

  it('a station that refuses to start with the car plugged in: the whole reservation is released at once', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    cp.rejectRemoteStart(true);
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    const s = await sys.waitForState(p.token, 'start_failed');
    expect(s.failure).toBe('station_refused');
    await eventually(() => books(p.reference).cancelledAmount.value === MAX, 'released in Vipps');
    expect(books(p.reference).capturedAmount.value).toBe(0);
  });

  it('no car plugged in: waits for it, then charges once it is plugged in', async () => {
    const { cp, code } = await station();
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    const waiting = await eventually(async () => (await sys.session(p.token)).waitingForCar || undefined, 'waiting for the car');
    expect(waiting).toBe(true);
    expect((await sys.ladepay.driver.session(p.token))?.phase).toBe('plug_in');
    await cp.plugIn(1);
    await sys.waitForState(p.token, 'charging');
  });

  it('no car ever: after the start window everything is released and the driver is told why', async () => {
    const { code } = await station();
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    await eventually(async () => (await sys.session(p.token)).waitingForCar || undefined, 'waiting for the car');
    await sys.advance(181_000);
    const s = await sys.waitForState(p.token, 'start_failed');
    expect(s.failure).toBe('start_timeout');
    await eventually(() => books(p.reference).cancelledAmount.value === MAX, 'released in Vipps');
    expect((await sys.ladepay.driver.session(p.token))?.phase).toBe('start_failed');
  });

  it('a station offline mid-session settles on the late stop it sends when it is back', async () => {
    const { cp, code } = await station('ocpp1.6');
    await cp.plugIn(1);
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    await sys.waitForState(p.token, 'charging');
    await cp.tick(30 * 60 * 1000);
    await cp.goOffline();
    await cp.tick(10 * 60 * 1000); // charging on while offline, within the silence timeout; meter values queue
    const stoppedAt = cp.now();
    await cp.pressStop(1); // the driver stops at the station; StopTransaction queues
    expect(cp.queuedMessages()).toBeGreaterThan(0);
    await cp.goOnline();
    const s = await sys.waitForState(p.token, 'settled');
    // Settled on the station's own stop time, not on when the message arrived.
    expect(Math.abs(Date.parse(s.endedAt!) - stoppedAt.getTime())).toBeLessThan(1000);
    expect(Date.parse(s.endedAt!) - Date.parse(s.chargingStartedAt!)).toBeGreaterThanOrEqual(40 * 60 * 1000 - 1000);
    expect(s.flags).not.toContain('implausible_meter');
    expect(s.stopSource).toBe('station');
    expect(s.capturedOre).toBeGreaterThan(0);
    expect(books(p.reference).capturedAmount.value).toBe(s.capturedOre);
  });

  it('a station silent too long is settled on its last meter value; its late stop moves no money', async () => {
    const { cp, code } = await station('ocpp2.0.1');
    await cp.plugIn(1);
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    await sys.waitForState(p.token, 'charging');
    await cp.tick(20 * 60 * 1000);
    await eventually(async () => ((await sys.session(p.token)).meterLastWh ?? 0) > (await sys.session(p.token)).meterStartWh! || undefined, 'meter values');
    await cp.goOffline();
    await sys.advance(16 * 60 * 1000);
    const s = await sys.waitForState(p.token, 'settled');
    expect(s.flags).toContain('settled_on_last_meter');
    const captured = s.capturedOre;
    await cp.pressStop(1);
    await cp.goOnline();
    await eventually(async () => (await sys.session(p.token)).flags.includes('late_stop_after_settlement') || undefined, 'late stop recorded');
    expect((await sys.session(p.token)).capturedOre).toBe(captured);
    expect(books(p.reference).capturedAmount.value).toBe(captured);
  });

  it('a lost webhook: polling finds the approval and charging starts', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    sys.vipps.faults.set({ webhookDrop: { share: 1 } });
    try {
      const p = await pay(code);
      sys.vipps.phone.approve(p.reference);
      await sys.waitForState(p.token, 'charging');
    } finally {
      sys.vipps.faults.reset();
    }
  });

  it('Vipps failing during capture: retried with the same key, captured once', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    const p = await pay(code);
    sys.vipps.phone.approve(p.reference);
    await sys.waitForState(p.token, 'charging');
    await cp.tick(20 * 60 * 1000);
    sys.vipps.faults.set({ captureFailure: { next: 1, code: '6280' }, answerLost: { epayment: { next: 1, mode: 'error' } } });
    try {
      await sys.ladepay.driver.stop(p.token);
      const s = await sys.waitForState(p.token, 'settled', 30_000);
      const b = books(p.reference);
      expect(b.capturedAmount.value).toBe(s.capturedOre);
      expect(b.events.filter((e) => e.name === 'CAPTURED' && e.success)).toHaveLength(1);
      expect(s.capturedOre + s.cancelledOre).toBe(MAX);
    } finally {
      sys.vipps.faults.reset();
    }
  });

  it('the cost guard stops the charge before the maximum', async () => {
    const { cp, code } = await station('ocpp2.0.1');
    await cp.plugIn(1, { batteryWh: 100_000, socPercent: 5, maxPowerW: 22_000 });
    const p = await pay(code, 10_000); // 100 kr at 5 kr/kWh: 20 kWh
    sys.vipps.phone.approve(p.reference);
    await sys.waitForState(p.token, 'charging');
    // Half a minute at a time: the station hears the stop within seconds, as a
    // real one does, not after a long simulated stretch.
    for (let i = 0; i < 200; i++) {
      await cp.tick(30_000);
      if ((await sys.session(p.token)).state !== 'charging') break;
    }
    const s = await sys.waitForState(p.token, 'settled');
    expect(s.stopSource).toBe('cost_guard');
    expect(s.capturedOre).toBeLessThanOrEqual(10_000);
    expect(s.flags).not.toContain('capped_at_maximum');
    expect(books(p.reference).capturedAmount.value).toBe(s.capturedOre);
  });

  it('a validly signed webhook claiming approval is not enough: without the GET nothing starts', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    const p = await pay(code);
    const url = `${sys.ladepay.publicUrl}/webhooks/vipps`;
    const raw = await sys.readSecret(`vipps.webhook:${url}`);
    const { secret } = JSON.parse(raw!) as { secret: string };
    const body = JSON.stringify({
      msn: sys.vipps.merchants[0]!.msn,
      reference: p.reference,
      pspReference: 'forged-1',
      name: 'AUTHORIZED',
      amount: { currency: 'NOK', value: MAX },
      timestamp: new Date().toISOString(),
      success: true,
    });
    const date = new Date().toUTCString();
    const signed = signWebhook(secret, url, date, Buffer.from(body));
    const res = await fetch(url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ms-date': date, 'x-ms-content-sha256': signed.contentHash, authorization: signed.authorization, host: new URL(url).host },
      body,
    });
    expect(res.status).toBe(200);
    // Taken in: the hint is in the operator's timeline. Then Ladepay asks
    // Vipps, which still says CREATED (or, wrongly, moves on without asking).
    const events = new PaymentEventStore(sys.database.db);
    await eventually(async () => (await events.forReference(p.reference)).some((e) => e.pspReference === 'forged-1'), 'the hint recorded');
    const since = vippsRequests.mark();
    await eventually(
      async () => vippsRequests.answered('GET', `/epayment/v1/payments/${p.reference}`, since) || (await sys.session(p.token)).state !== 'awaiting_payment',
      'Vipps answering a GET of the payment after the hint',
    );
    const s = await sys.session(p.token);
    expect(s.state).toBe('awaiting_payment');
    expect(cp.connector(1).transactionId).toBeUndefined();
  });
});
