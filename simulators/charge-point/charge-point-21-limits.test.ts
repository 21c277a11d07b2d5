import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { TestCsms } from './test-csms.ts';
import { CAR, ENERGY_ONLY, register, START_WH, type TxEvent } from './test-21-fixtures.ts';

// OCPP 2.1 transactionLimit against a strict CSMS: the station keeps the
// latest the CSMS gave and stops the charge itself at it, online or not.

describe('OCPP 2.1 station held to its transactionLimit', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms();
  });

  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  function events(stationId: string): TxEvent[] {
    return csms.calls(stationId, 'TransactionEvent').map((c) => c.params as unknown as TxEvent);
  }

  // A 2.1 station with a tariff, whose CSMS answers the Started event with this limit.
  async function limited(stationId: string, limit: object, extra: Partial<ChargePointOptions> = {}): Promise<ChargePoint> {
    csms.answerWith(stationId, 'TransactionEvent', (p) => (p.eventType === 'Started' ? { transactionLimit: limit } : {}));
    const cp = await startChargePoint({ csmsUrl: csms.url, stationId, protocol: 'ocpp2.1', timeScale: 0, tariffs: true, ...extra });
    started.push(cp);
    expect(await csms.callStation(stationId, 'SetDefaultTariff', { evseId: 0, tariff: ENERGY_ONLY })).toEqual({ status: 'Accepted' });
    return cp;
  }

  async function charging(cp: ChargePoint, car: object = CAR): Promise<string> {
    await cp.plugIn(1, car);
    const request = { evseId: 1, remoteStartId: 1, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation(cp.stationId, 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall(cp.stationId, 'TransactionEvent', (p) => p.eventType === 'Started');
    await cp.drained();
    const txId = cp.connector(1).transactionId;
    if (!txId) throw new Error('no transaction id');
    return txId;
  }

  it('stops the charge at maxEnergy with EnergyLimitReached, the register at the limit', async () => {
    const cp = await limited('CP21-ENERGY', { maxEnergy: 500 });
    await charging(cp);
    expect(cp.limitsFor(1)).toMatchObject({ running: true, limit: { maxEnergy: 500 } });
    await cp.tick(600_000);
    const ended = events('CP21-ENERGY').at(-1);
    expect(ended).toMatchObject({ eventType: 'Ended', triggerReason: 'EnergyLimitReached', transactionInfo: { stoppedReason: 'EnergyLimitReached', transactionLimit: { maxEnergy: 500 } } });
    expect(register(ended)).toBe(START_WH + 500);
    expect(cp.connector(1)).toMatchObject({ transactionId: undefined, powerW: 0, energyWh: register(ended) });
    expect(cp.limitsFor(1)).toMatchObject({ running: false, reached: { kind: 'maxEnergy', energyWh: register(ended) - START_WH } });
  });

  it('stops at maxEnergy to the Wh while the car’s power falls as it fills', async () => {
    const cp = await limited('CP21-TAPER', { maxEnergy: 1_500 });
    await charging(cp, { batteryWh: 10_000, socPercent: 79, maxPowerW: 11_000 });
    await cp.tick(3_600_000);
    const ended = events('CP21-TAPER').at(-1);
    expect(ended).toMatchObject({ eventType: 'Ended', triggerReason: 'EnergyLimitReached' });
    expect(register(ended)).toBe(START_WH + 1_500);
    expect(cp.connector(1).soc).toBe(94);
  });

  it('stops the charge at maxTime with TimeLimitReached', async () => {
    const cp = await limited('CP21-TIME', { maxTime: 90 });
    await charging(cp);
    const startedAt = cp.now().getTime();
    await cp.tick(600_000);
    const ended = events('CP21-TIME').at(-1);
    expect(ended).toMatchObject({ eventType: 'Ended', triggerReason: 'TimeLimitReached', transactionInfo: { stoppedReason: 'TimeLimitReached' } });
    expect(cp.limitsFor(1).reached).toMatchObject({ kind: 'maxTime', seconds: 90, at: new Date(startedAt + 90_000).toISOString() });
  });

  it('enforces maxEnergy while the CSMS is away, and delivers the Ended on reconnect', async () => {
    const cp = await limited('CP21-AWAY', { maxEnergy: 300 }, { reconnectInitialDelayMs: 60_000 });
    const txId = await charging(cp);
    const gone = new Promise((resolve) => cp.on('disconnected', resolve));
    csms.refuse('CP21-AWAY', true);
    await csms.dropStation('CP21-AWAY');
    await gone;
    await cp.tick(600_000);
    expect(cp.isOnline()).toBe(false);
    expect(cp.connector(1).transactionId).toBeUndefined();
    expect(cp.limitsFor(1)).toMatchObject({ transactionId: txId, reached: { kind: 'maxEnergy' } });
    expect(cp.queuedMessages()).toBeGreaterThan(0);
    expect(events('CP21-AWAY').some((e) => e.eventType === 'Ended')).toBe(false);

    csms.refuse('CP21-AWAY', false);
    await cp.goOnline();
    const ended = (await csms.waitForCall('CP21-AWAY', 'TransactionEvent', (p) => p.eventType === 'Ended')).params as unknown as TxEvent;
    expect(ended).toMatchObject({ offline: true, triggerReason: 'EnergyLimitReached', transactionInfo: { transactionId: txId, stoppedReason: 'EnergyLimitReached' } });
    expect(register(ended)).toBe(START_WH + 300);
  });

  it('stops the charge when its own cost reaches maxCost, with CostLimitReached and stoppedReason Other', async () => {
    const cp = await limited('CP21-MONEY', { maxCost: 1 }); // 5.00 a kWh with VAT: 200 Wh, checked every second
    await charging(cp);
    await cp.tick(600_000);
    const ended = events('CP21-MONEY').at(-1);
    expect(ended).toMatchObject({ eventType: 'Ended', triggerReason: 'CostLimitReached', transactionInfo: { stoppedReason: 'Other' } });
    expect(register(ended) - START_WH).toBeGreaterThanOrEqual(200);
    expect(register(ended) - START_WH).toBeLessThanOrEqual(200 + 4);
    const total = ended?.costDetails?.totalCost.total.inclTax ?? 0;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(1.02);
    expect(cp.limitsFor(1).reached).toMatchObject({ kind: 'maxCost', cost: total });
  });
});
