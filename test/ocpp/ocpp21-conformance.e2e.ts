import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { openRawStation } from './raw-station.ts';
import { connectRpcStation, type RpcStation } from './rpc-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';
import { answerNext } from './station-answers.ts';

// OCPP 2.1 at the adapter (docs/ocpp21.md): what 2.0.1 does, plus the
// transaction limit in every answer and the station's own stop and cost.
// The station is ocpp-rpc's client in strict mode: every answer is checked
// against the 2.1 schemas.

let csms: TestCsms;
let next = 1;

const T0 = '2026-12-07T10:00:00.000Z';
const KNOWN = { idToken: 'LP-known-21', type: 'ISO14443' };
const LIMIT = { maxCostOre: 34_300, maxEnergyWh: 68_600 };

async function bootedStation(): Promise<{ id: string; station: RpcStation }> {
  const id = `CS21-${next++}`;
  await csms.addStation(id, `pw-${id}`);
  const station = await connectRpcStation(csms.ocppUrl, id, `pw-${id}`, 'ocpp2.1');
  const configured = answerNext(station, 'SetVariables', {
    setVariableResult: [{ attributeStatus: 'Accepted', component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' } }],
  });
  const boot = (await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Acme', model: 'AC-22' } })) as { status: string };
  expect(boot.status).toBe('Accepted');
  await configured;
  return { id, station };
}

function txEvent(eventType: 'Started' | 'Updated' | 'Ended', seqNo: number, transactionId: string, more: Record<string, unknown> = {}) {
  const { transactionInfo, ...rest } = more as { transactionInfo?: Record<string, unknown> };
  return {
    eventType,
    seqNo,
    timestamp: T0,
    triggerReason: eventType === 'Started' ? 'Authorized' : eventType === 'Ended' ? 'StopAuthorized' : 'MeterValuePeriodic',
    transactionInfo: { transactionId, ...transactionInfo },
    ...rest,
  };
}

const energy = (wh: number, context?: string) => [{ timestamp: T0, sampledValue: [{ value: wh, ...(context ? { context } : {}) }] }];

function costDetails(inclTax: number) {
  return {
    totalCost: { currency: 'NOK', typeOfCost: 'NormalCost', total: { exclTax: inclTax / 1.25, inclTax } },
    totalUsage: { energy: 2000, chargingTime: 600, idleTime: 0 },
  };
}

beforeAll(async () => {
  csms = await startTestCsms({ heartbeatIntervalSeconds: 120, meterIntervalSeconds: 30 });
  csms.events.knownTags.add(KNOWN.idToken);
  csms.events.limit = LIMIT;
});

afterAll(async () => {
  await csms.stop();
});

describe('OCPP 2.1: the transaction limit', () => {
  it('is in the answer to the event that starts the transaction, and in every one after', async () => {
    const { station } = await bootedStation();
    const started = await station.call('TransactionEvent', txEvent('Started', 0, 'T21-1', { idToken: KNOWN, evse: { id: 1, connectorId: 1 }, meterValue: energy(1_000_000, 'Transaction.Begin') }));
    expect(started).toEqual({ idTokenInfo: { status: 'Accepted' }, transactionLimit: { maxCost: 343, maxEnergy: 68_600 } });
    const updated = await station.call('TransactionEvent', txEvent('Updated', 1, 'T21-1', { meterValue: energy(1_001_000) }));
    expect(updated).toEqual({ transactionLimit: { maxCost: 343, maxEnergy: 68_600 } });
    const ended = await station.call('TransactionEvent', txEvent('Ended', 2, 'T21-1', { meterValue: energy(1_002_000, 'Transaction.End'), transactionInfo: { stoppedReason: 'Remote' } }));
    expect(ended).toEqual({});
    await station.close();
  });

  it('is not given to a transaction refused', async () => {
    const { station } = await bootedStation();
    const started = await station.call('TransactionEvent', txEvent('Started', 0, 'T21-2', { idToken: { idToken: 'LP-stranger', type: 'ISO14443' }, evse: { id: 1, connectorId: 1 } }));
    expect(started).toEqual({ idTokenInfo: { status: 'Invalid' } });
    await station.close();
  });
});

describe('OCPP 2.1: the station ends the transaction itself', () => {
  it('at the cost limit (triggerReason CostLimitReached), with its own cost passed on in øre', async () => {
    const { id, station } = await bootedStation();
    await station.call('TransactionEvent', txEvent('Started', 0, 'T21-3', { idToken: KNOWN, evse: { id: 1, connectorId: 1 }, meterValue: energy(1_000_000, 'Transaction.Begin') }));
    await station.call('TransactionEvent', {
      ...txEvent('Ended', 1, 'T21-3', { meterValue: energy(1_068_600, 'Transaction.End'), transactionInfo: { stoppedReason: 'Other' } }),
      triggerReason: 'CostLimitReached',
      costDetails: costDetails(342.99),
    });
    await eventually(() => csms.events.of('transactionEnded', id)[0], 'the end of the transaction');
    expect(csms.events.of('transactionEnded', id)[0]).toMatchObject({ transactionId: 'T21-3', meterStopWh: 1_068_600, reason: 'cost_limit_reached', stationCostOre: 34_299 });
    await station.close();
  });

  it('at the energy limit (EnergyLimitReached)', async () => {
    const { id, station } = await bootedStation();
    await station.call('TransactionEvent', txEvent('Started', 0, 'T21-4', { idToken: KNOWN, evse: { id: 1, connectorId: 1 }, meterValue: energy(500, 'Transaction.Begin') }));
    await station.call('TransactionEvent', {
      ...txEvent('Ended', 1, 'T21-4', { meterValue: energy(69_100, 'Transaction.End'), transactionInfo: { stoppedReason: 'EnergyLimitReached' } }),
      triggerReason: 'EnergyLimitReached',
    });
    await eventually(() => csms.events.of('transactionEnded', id)[0], 'the end of the transaction');
    const [ended] = csms.events.of('transactionEnded', id);
    expect(ended).toMatchObject({ reason: 'energy_limit_reached' });
    expect(ended).not.toHaveProperty('stationCostOre');
    await station.close();
  });

  it('passes on no cost the station failed to work out', async () => {
    const { id, station } = await bootedStation();
    await station.call('TransactionEvent', txEvent('Started', 0, 'T21-5', { idToken: KNOWN, evse: { id: 1, connectorId: 1 }, meterValue: energy(500, 'Transaction.Begin') }));
    await station.call('TransactionEvent', {
      ...txEvent('Ended', 1, 'T21-5', { meterValue: energy(1_500, 'Transaction.End'), transactionInfo: { stoppedReason: 'Local' } }),
      costDetails: { ...costDetails(5), failureToCalculate: true, failureReason: 'no tariff' },
    });
    await eventually(() => csms.events.of('transactionEnded', id)[0], 'the end of the transaction');
    expect(csms.events.of('transactionEnded', id)[0]).not.toHaveProperty('stationCostOre');
    await station.close();
  });
});

describe('OCPP 2.1: what 2.1 only has', () => {
  it('checks what a station sends against the 2.1 schemas: a malformed costDetails is a FormatViolation', async () => {
    const { id } = await bootedStation();
    const raw = await openRawStation(csms.ocppUrl, id, { password: `pw-${id}`, protocols: ['ocpp2.1'] });
    expect(raw.protocol).toBe('ocpp2.1');
    const answer = await raw.call('TransactionEvent', { ...txEvent('Updated', 0, 'T21-6'), costDetails: { totalCost: {} } });
    expect(answer[0]).toBe(4);
    expect(answer[2]).toBe('FormatViolation');
    // The same event well formed, with a 2.1 field 2.0.1 does not have, is answered.
    const ok = await raw.call('TransactionEvent', { ...txEvent('Updated', 1, 'T21-6'), costDetails: costDetails(1) });
    expect(ok[0]).toBe(3);
    await raw.close();
  });
});
