import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import type { Session } from '../../src/core/session/session.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A station's meter is evidence, checked against physics: the real station
// charges, and then sends, over its own socket and for its own transaction,
// readings no 50 kW connector can produce. None of them is billed, the
// readings after them are, and the operator sees each one.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const MAX = 35_000;

type Protocol = 'ocpp1.6' | 'ocpp2.0.1';

// A MeterValues (1.6) or TransactionEvent Updated/Ended (2.0.1) frame with one
// register reading, as a broken or hostile station would send it.
function readingFrame(protocol: Protocol, o: { transactionId: string; registerWh: number; at: Date; end?: boolean; seqNo: number }): string {
  const at = o.at.toISOString();
  if (protocol === 'ocpp1.6') {
    if (o.end) {
      return JSON.stringify([2, randomUUID(), 'StopTransaction', { transactionId: Number(o.transactionId), meterStop: o.registerWh, timestamp: at, reason: 'Local' }]);
    }
    const sample = { value: String(o.registerWh), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' };
    return JSON.stringify([2, randomUUID(), 'MeterValues', { connectorId: 1, transactionId: Number(o.transactionId), meterValue: [{ timestamp: at, sampledValue: [sample] }] }]);
  }
  const context = o.end ? 'Transaction.End' : 'Sample.Periodic';
  const sample = { value: o.registerWh, context, measurand: 'Energy.Active.Import.Register', location: 'Outlet', unitOfMeasure: { unit: 'Wh' } };
  return JSON.stringify([
    2,
    randomUUID(),
    'TransactionEvent',
    {
      eventType: o.end ? 'Ended' : 'Updated',
      timestamp: at,
      triggerReason: o.end ? 'StopAuthorized' : 'MeterValuePeriodic',
      seqNo: o.seqNo,
      transactionInfo: { transactionId: o.transactionId, chargingState: o.end ? 'EVConnected' : 'Charging', ...(o.end ? { stoppedReason: 'Local' } : {}) },
      meterValue: [{ timestamp: at, sampledValue: [sample] }],
    },
  ]);
}

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('the meter as evidence over %s', (protocol) => {
  let sys: TestSystem;
  let n = 0;
  let seqNo = 100_000; // far above the station's own, so the adapter takes each as new

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  });
  afterAll(async () => sys?.stop());

  // A paid session charging for a minute on a 50 kW connector.
  async function charging(): Promise<{ cp: ChargePoint; token: string; transactionId: string }> {
    n += 1;
    const id = `CP-M${protocol === 'ocpp1.6' ? 16 : 201}-${n}`;
    const code = `METER${protocol === 'ocpp1.6' ? 16 : 201}${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol, { connectorMaxPowerW: 50_000 });
    await cp.plugIn(1, { socPercent: 20, maxPowerW: 22_000, batteryWh: 80_000 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    if (!started.ok) throw new Error(`drop-in refused: ${started.reason}`);
    sys.vipps.phone.approve((await sys.session(started.token)).reference);
    await sys.waitForState(started.token, 'charging');
    await cp.tick(60_000);
    const transactionId = cp.connector(1).transactionId;
    if (!transactionId) throw new Error('no transaction at the station');
    return { cp, token: started.token, transactionId };
  }

  // Sends the frame and waits for Ladepay's answer: the input has been processed.
  async function send(cp: ChargePoint, frame: string): Promise<void> {
    const answer = await cp.sendRaw(frame);
    expect(JSON.parse(answer ?? '[]')[0], `answer to ${frame}`).toBe(3);
  }

  async function stopAndSettle(cp: ChargePoint, token: string): Promise<Session> {
    await sys.ladepay.driver.stop(token);
    const settled = await sys.waitForState(token, 'settled');
    await sys.ladepay.outboxWorker.drain();
    return settled;
  }

  // What the station actually delivered: its register now, less the start.
  function delivered(cp: ChargePoint, s: Session): number {
    return cp.connector(1).energyWh - (s.meterStartWh ?? 0);
  }

  async function expectShownToOperator(s: Session, registerWh: number, reason: string): Promise<void> {
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const page = await client.get(`/console/sessions/${s.id}`);
    expect(page.text).toContain('Meter readings not billed');
    expect(page.text).toContain(`data-reason="${reason}"`);
    const kwh = `${Math.floor(registerWh / 1000)},${String(registerWh % 1000).padStart(3, '0')}`;
    expect(page.text).toContain(kwh);
    expect(page.text).toContain('implausible_meter');
  }

  it('a jump of 150 kWh in 10 s is not billed; the readings after it are; the operator sees it', async () => {
    const { cp, token, transactionId } = await charging();
    const before = await sys.session(token);
    const absurd = (before.meterLastWh ?? 0) + 150_000;
    await send(cp, readingFrame(protocol, { transactionId, registerWh: absurd, at: new Date(cp.now().getTime() + 10_000), seqNo: seqNo++ }));
    const flagged = await sys.session(token);
    expect(flagged.meterLastWh).toBe(before.meterLastWh);
    expect(flagged.meterRejections?.at(-1)).toMatchObject({ registerWh: absurd, reason: 'too_much_energy' });

    await cp.tick(60_000);
    const settled = await stopAndSettle(cp, token);
    expect(settled.meterLastWh).toBeGreaterThan(before.meterLastWh ?? 0);
    expect(settled.priced?.lines[0]).toMatchObject({ kind: 'energy', quantity: delivered(cp, settled) });
    expect(settled.capturedOre).toBe(settled.priced?.totalOre);
    expect(settled.capturedOre).toBeLessThan(1000); // two minutes at 22 kW, not 150 kWh
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);
    expect(settled.flags).toContain('implausible_meter');
    await expectShownToOperator(settled, absurd, 'too_much_energy');
  });

  it('a register that goes backwards is not billed, and the operator sees it', async () => {
    const { cp, token, transactionId } = await charging();
    const before = await sys.session(token);
    const back = (before.meterLastWh ?? 0) - 5000;
    await send(cp, readingFrame(protocol, { transactionId, registerWh: back, at: new Date(cp.now().getTime() + 5_000), seqNo: seqNo++ }));
    expect((await sys.session(token)).meterLastWh).toBe(before.meterLastWh);
    await cp.tick(30_000);
    const settled = await stopAndSettle(cp, token);
    expect(settled.priced?.lines[0]).toMatchObject({ kind: 'energy', quantity: delivered(cp, settled) });
    expect(settled.meterRejections?.[0]).toMatchObject({ registerWh: back, reason: 'backwards' });
    await expectShownToOperator(settled, back, 'backwards');
  });

  it('a reading stamped a day ahead cannot stretch the window: not billed, shown, and the station’s next readings still count', async () => {
    const { cp, token, transactionId } = await charging();
    const before = await sys.session(token);
    // 40 kWh would fit a day at 50 kW: only the clock gives it away.
    const ahead = (before.meterLastWh ?? 0) + 40_000;
    await send(cp, readingFrame(protocol, { transactionId, registerWh: ahead, at: new Date(cp.now().getTime() + 86_400_000), seqNo: seqNo++ }));
    expect((await sys.session(token)).meterLastWh).toBe(before.meterLastWh);
    await cp.tick(60_000);
    expect((await sys.session(token)).meterLastWh).toBeGreaterThan(before.meterLastWh ?? 0);
    const settled = await stopAndSettle(cp, token);
    expect(settled.priced?.lines[0]).toMatchObject({ kind: 'energy', quantity: delivered(cp, settled) });
    expect(settled.capturedOre).toBeLessThan(1000);
    await expectShownToOperator(settled, ahead, 'in_the_future');
  });

  it('an impossible register at the end of the transaction is not billed: settled on the last plausible reading', async () => {
    const { cp, token, transactionId } = await charging();
    const before = await sys.session(token);
    const absurd = (before.meterLastWh ?? 0) + 150_000;
    await send(cp, readingFrame(protocol, { transactionId, registerWh: absurd, at: new Date(cp.now().getTime() + 10_000), end: true, seqNo: seqNo++ }));
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.meterLastWh).toBe(before.meterLastWh);
    expect(settled.priced?.lines[0]).toMatchObject({ kind: 'energy', quantity: (before.meterLastWh ?? 0) - (before.meterStartWh ?? 0) });
    // 2.0.1 carries the end register as a meter value of the Ended event too: one record either way.
    expect(settled.meterRejections).toHaveLength(1);
    expect(settled.meterRejections?.[0]).toMatchObject({ registerWh: absurd, reason: 'too_much_energy' });
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.capturedAmount.value).toBe(settled.priced?.totalOre);
    await expectShownToOperator(settled, absurd, 'too_much_energy');
  });

  it('an honest charge of an hour raises no flag', async () => {
    const { cp, token } = await charging();
    await cp.tick(60 * 60_000);
    const settled = await stopAndSettle(cp, token);
    expect(settled.flags).not.toContain('implausible_meter');
    expect(settled.priced?.lines[0]).toMatchObject({ kind: 'energy', quantity: delivered(cp, settled) });
    expect(settled.priced?.lines[0]?.quantity).toBeGreaterThan(20_000);
  });
});
