import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenText } from './screen-text.ts';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { Tariff } from './tariff.ts';
import type { TestCsms } from './test-csms.ts';
import { CAR, ENERGY_ONLY, register, START_WH, VAT, type TxEvent } from './test-21-fixtures.ts';

// OCPP 2.1 against a strict CSMS: the subprotocol, tariffs and the station's
// own cost, web payments, QR codes, the Pay button and strict frames. The
// limits it enforces itself are in charge-point-21-limits.test.ts.

describe('OCPP 2.1 station against a strict CSMS', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms();
  });

  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  async function station(stationId: string, extra: Partial<ChargePointOptions> = {}, url = csms.url): Promise<ChargePoint> {
    const cp = await startChargePoint({ csmsUrl: url, stationId, protocol: 'ocpp2.1', timeScale: 0, ...extra });
    started.push(cp);
    return cp;
  }

  function events(stationId: string): TxEvent[] {
    return csms.calls(stationId, 'TransactionEvent').map((c) => c.params as unknown as TxEvent);
  }

  async function charging(cp: ChargePoint, remoteStartId = 1): Promise<string> {
    await cp.plugIn(1, CAR);
    const request = { evseId: 1, remoteStartId, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation(cp.stationId, 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall(cp.stationId, 'TransactionEvent', (p) => p.eventType === 'Started');
    await cp.drained();
    const txId = cp.connector(1).transactionId;
    if (!txId) throw new Error('no transaction id');
    return txId;
  }

  it('boots on ocpp2.1, offered before ocpp2.0.1, and falls back to 2.0.1 with a CSMS that has only that', async () => {
    const cp = await station('CP21-BOOT', { offer: ['ocpp2.1', 'ocpp2.0.1'] });
    expect(cp.protocol).toBe('ocpp2.1');
    expect(csms.connections.find((c) => c.stationId === 'CP21-BOOT')).toEqual({ stationId: 'CP21-BOOT', offered: ['ocpp2.1', 'ocpp2.0.1'], protocol: 'ocpp2.1' });
    const boot = await csms.waitForCall('CP21-BOOT', 'BootNotification');
    expect(boot.params).toMatchObject({ reason: 'PowerUp', chargingStation: { vendorName: 'Ladepay' } });
    await csms.waitForCall('CP21-BOOT', 'StatusNotification', (p) => p.evseId === 1 && p.connectorStatus === 'Available');

    const old = await startTestCsms({}, { protocols: ['ocpp2.0.1'] });
    try {
      const fallback = await station('CP21-FALLBACK', { offer: ['ocpp2.1', 'ocpp2.0.1'], tariffs: true }, old.url);
      expect(fallback.protocol).toBe('ocpp2.0.1');
      expect(old.connections[0]).toMatchObject({ offered: ['ocpp2.1', 'ocpp2.0.1'], protocol: 'ocpp2.0.1' });
      // A 2.0.1 connection knows no 2.1 action, and says nothing of tariffs.
      await expect(old.callStation('CP21-FALLBACK', 'GetVariables', { getVariableData: [{ component: { name: 'TariffCostCtrlr' }, variable: { name: 'Currency' } }] })).resolves.toMatchObject({
        getVariableResult: [{ attributeStatus: 'UnknownComponent' }],
      });
      await fallback.stop();
    } finally {
      await old.close();
    }
  });

  it('takes a default tariff and reports its own cost, as computed by hand, on every Updated and the Ended', async () => {
    const cp = await station('CP21-COST', { tariffs: true, meterIntervalSeconds: 30 });
    const tariff: Tariff = {
      tariffId: 'FULL-1',
      currency: 'NOK',
      energy: { prices: [{ priceKwh: 4 }], taxRates: VAT },
      chargingTime: { prices: [{ priceMinute: 0.1 }], taxRates: VAT },
      idleTime: { prices: [{ priceMinute: 1, conditions: { minIdleTime: 60 } }], taxRates: VAT },
      fixedFee: { prices: [{ priceFixed: 2 }], taxRates: VAT },
    };
    expect(await csms.callStation('CP21-COST', 'SetDefaultTariff', { evseId: 0, tariff })).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('CP21-COST', 'GetTariffs', { evseId: 1 })).toEqual({
      status: 'Accepted',
      tariffAssignments: [{ tariffId: 'FULL-1', tariffKind: 'DefaultTariff', evseIds: [0] }],
    });
    const unsupported = { ...tariff, tariffId: 'NIGHT', energy: { prices: [{ priceKwh: 2, conditions: { startTimeOfDay: '22:00' } }] } };
    expect(await csms.callStation('CP21-COST', 'SetDefaultTariff', { evseId: 0, tariff: unsupported })).toEqual({ status: 'ConditionNotSupported' });

    const txId = await charging(cp);
    await cp.tick(60_000); // charging: 11 kW for a minute, 183 Wh
    await cp.pauseCharging(1, true);
    await cp.tick(120_000); // idle: two minutes, the first free
    expect(await csms.callStation('CP21-COST', 'RequestStopTransaction', { transactionId: txId })).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP21-COST', 'TransactionEvent', (p) => p.eventType === 'Ended');

    const all = events('CP21-COST');
    expect(all[0]?.transactionInfo.tariffId).toBe('FULL-1');
    expect(all[0]?.costDetails).toBeUndefined();
    expect(all.slice(1).every((e) => e.costDetails !== undefined)).toBe(true);
    const firstMinute = all.find((e) => e.triggerReason === 'MeterValuePeriodic' && register(e) === START_WH + 183);
    expect(firstMinute?.costDetails?.totalCost).toMatchObject({ energy: { exclTax: 0.73, inclTax: 0.92 }, chargingTime: { exclTax: 0.1, inclTax: 0.13 } });
    const ended = all.at(-1);
    expect(register(ended)).toBe(START_WH + 183);
    // energy 0.183 kWh × 4 = 0.73 (0.92 with VAT), charging 1 min × 0.10 = 0.10 (0.13),
    // idle (120 − 60) s × 1.00 a minute = 1.00 (1.25), fixed 2.00 (2.50).
    expect(ended?.costDetails).toEqual({
      totalCost: {
        currency: 'NOK',
        typeOfCost: 'NormalCost',
        energy: { exclTax: 0.73, inclTax: 0.92 },
        chargingTime: { exclTax: 0.1, inclTax: 0.13 },
        idleTime: { exclTax: 1, inclTax: 1.25 },
        fixed: { exclTax: 2, inclTax: 2.5 },
        total: { exclTax: 3.83, inclTax: 4.8 },
      },
      totalUsage: { energy: 183, chargingTime: 60, idleTime: 120 },
    });
    expect(cp.limitsFor(1)).toMatchObject({ transactionId: txId, running: false, cost: ended?.costDetails });
  });

  it('prices the rest of a transaction by a tariff changed for it, and can be told to disagree', async () => {
    const cp = await station('CP21-CHANGE', { tariffs: true, meterIntervalSeconds: 3_600, costSkewPercent: 10 });
    await csms.callStation('CP21-CHANGE', 'SetDefaultTariff', { evseId: 1, tariff: ENERGY_ONLY });
    const txId = await charging(cp);
    await cp.tick(120_000); // 366 Wh at 4.00 (+10 %)
    const double = { ...ENERGY_ONLY, tariffId: 'ENERGY-8', energy: { prices: [{ priceKwh: 8 }], taxRates: VAT } };
    expect(await csms.callStation('CP21-CHANGE', 'ChangeTransactionTariff', { transactionId: 'nope', tariff: double })).toEqual({ status: 'TxNotFound' });
    const euros = { ...double, currency: 'EUR' };
    expect(await csms.callStation('CP21-CHANGE', 'ChangeTransactionTariff', { transactionId: txId, tariff: euros })).toEqual({ status: 'NoCurrencyChange' });
    expect(await csms.callStation('CP21-CHANGE', 'ChangeTransactionTariff', { transactionId: txId, tariff: double })).toEqual({ status: 'Accepted' });
    const changed = await csms.waitForCall('CP21-CHANGE', 'TransactionEvent', (p) => p.triggerReason === 'TariffChanged');
    expect((changed.params as unknown as TxEvent).transactionInfo.tariffId).toBe('ENERGY-8');
    await cp.tick(120_000); // 367 Wh more at 8.00 (+10 %)
    await cp.pressStop(1);
    const ended = events('CP21-CHANGE').at(-1);
    expect(register(ended)).toBe(START_WH + 733);
    // 0.366 × 4 × 1.1 = 1.6104; 0.367 × 8 × 1.1 = 3.2296; 4.84 in all (6.05 with VAT).
    expect(ended?.costDetails?.totalCost.total).toEqual({ exclTax: 4.84, inclTax: 6.05 });
  });

  it('answers tariff calls NotSupported and says Enabled[Tariff] false without the tariffs option', async () => {
    await station('CP21-PLAIN');
    await expect(csms.callStation('CP21-PLAIN', 'SetDefaultTariff', { evseId: 0, tariff: ENERGY_ONLY })).rejects.toThrow(/takes no tariffs/);
    const read = await csms.callStation('CP21-PLAIN', 'GetVariables', {
      getVariableData: [{ component: { name: 'TariffCostCtrlr' }, variable: { name: 'Enabled', instance: 'Tariff' } }],
    });
    expect(read).toMatchObject({ getVariableResult: [{ attributeStatus: 'UnknownComponent' }] });
  });

  it('shows a QR code, readable per EVSE, until it is cleared; says it has tariffs, costs and QR codes', async () => {
    const cp = await station('CP21-QR', { display: 'display-messages', tariffs: true, connectors: 2 });
    const ref = (component: string, variable: string, instance?: string) => ({ component: { name: component }, variable: instance ? { name: variable, instance } : { name: variable } });
    const read = (await csms.callStation('CP21-QR', 'GetVariables', {
      getVariableData: [
        ref('TariffCostCtrlr', 'Enabled', 'Tariff'),
        ref('TariffCostCtrlr', 'Enabled', 'Cost'),
        ref('TariffCostCtrlr', 'Currency'),
        ref('DisplayMessageCtrlr', 'Available'),
        ref('DisplayMessageCtrlr', 'SupportedFormats'),
      ],
    })) as { getVariableResult: Array<{ attributeValue?: string }> };
    expect(read.getVariableResult.map((r) => r.attributeValue)).toEqual(['true', 'true', 'NOK', 'true', 'ASCII,HTML,URI,UTF8,QRCODE']);

    const qr = (id: number, evseId: number, content: string) => ({
      message: { id, priority: 'AlwaysFront', display: { name: 'DisplayMessageCtrlr', evse: { id: evseId } }, message: { format: 'QRCODE', content } },
    });
    expect(await csms.callStation('CP21-QR', 'SetDisplayMessage', qr(11, 1, 'https://ladepay.example/c/AAA1'))).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('CP21-QR', 'SetDisplayMessage', qr(12, 2, 'https://ladepay.example/c/AAA2'))).toEqual({ status: 'Accepted' });
    expect(cp.qrCode(1)).toBe('https://ladepay.example/c/AAA1');
    expect(cp.qrCode(2)).toBe('https://ladepay.example/c/AAA2');
    expect(screenText('CP21-QR', cp.screen(), false)).toContain('[QR] https://ladepay.example/c/AAA1');
    expect(await csms.callStation('CP21-QR', 'ClearDisplayMessage', { id: 11 })).toEqual({ status: 'Accepted' });
    expect(cp.qrCode(1)).toBeUndefined();
    expect(cp.qrCode(2)).toBe('https://ladepay.example/c/AAA2');
  });

  it('holds an EVSE for a web payment: no other card meanwhile, until the timeout or the paid start', async () => {
    const cp = await station('CP21-WEBPAY', { display: 'display-messages' });
    await cp.plugIn(1, CAR);
    expect(await csms.callStation('CP21-WEBPAY', 'NotifyWebPaymentStarted', { evseId: 1, timeout: 120 })).toEqual({});
    expect(cp.screen().now.paymentsInProgress).toEqual([{ evseId: 1, until: new Date(cp.now().getTime() + 120_000).toISOString() }]);
    expect(screenText('CP21-WEBPAY', cp.screen(), false)).toContain('payment in progress on EVSE 1');
    expect(await cp.tapCard(1, 'CARD-1')).toBe('Rejected');
    expect(csms.calls('CP21-WEBPAY', 'Authorize')).toHaveLength(0);
    await cp.tick(121_000);
    expect(cp.screen().now.paymentsInProgress).toEqual([]);
    expect(await cp.tapCard(1, 'CARD-1')).toBe('Accepted');
    const startedByCard = await csms.waitForCall('CP21-WEBPAY', 'TransactionEvent', (p) => p.eventType === 'Started');
    expect(startedByCard.params).toMatchObject({ triggerReason: 'Authorized', idToken: { idToken: 'CARD-1', type: 'ISO14443' } });
    await cp.pressStop(1);

    // The payment goes through: the CSMS starts the transaction, and the screen lets go.
    expect(await csms.callStation('CP21-WEBPAY', 'NotifyWebPaymentStarted', { evseId: 1, timeout: 300 })).toEqual({});
    const request = { evseId: 1, remoteStartId: 5, idToken: { idToken: 'VIPPS-1', type: 'Central' } };
    expect(await csms.callStation('CP21-WEBPAY', 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP21-WEBPAY', 'TransactionEvent', (p) => p.eventType === 'Started' && (p.transactionInfo as { remoteStartId?: number }).remoteStartId === 5);
    expect(cp.screen().now.paymentsInProgress).toEqual([]);
  });

  it('taps Pay: a DataTransfer to the CSMS on 2.1 and on 2.0.1, with the CSMS’s answer', async () => {
    for (const protocol of ['ocpp2.1', 'ocpp2.0.1'] as const) {
      const id = `CP21-PAY-${protocol}`;
      const cp = await station(id, { protocol });
      expect(await cp.tapPay(1)).toBe('Accepted');
      const call = await csms.waitForCall(id, 'DataTransfer');
      expect(call.params).toEqual({ vendorId: 'no.ladepay', messageId: 'PayWithVipps', data: '{"evseId":1}' });
    }
    csms.answerWith('CP21-PAY-ocpp2.1', 'DataTransfer', () => ({ status: 'Rejected' }));
    expect(await started.find((cp) => cp.stationId === 'CP21-PAY-ocpp2.1')?.tapPay(1)).toBe('Rejected');
  });

  it('validates 2.1 frames both ways: a malformed one is refused by the CSMS, and by the station', async () => {
    const cp = await station('CP21-STRICT');
    const answer = await cp.sendRaw(JSON.stringify([2, 'bad-out', 'TransactionEvent', { eventType: 'Started' }]));
    // OCPP-J 2.x spells the code with one r.
    expect((JSON.parse(answer ?? '[]') as unknown[]).slice(0, 3)).toEqual([4, 'bad-out', 'OccurenceConstraintViolation']);
    // evseId has a minimum of 0.
    csms.sendRaw('CP21-STRICT', JSON.stringify([2, 'bad-in', 'SetDefaultTariff', { evseId: -1, tariff: ENERGY_ONLY }]));
    const refused = await cp.waitFor((f) => f.dir === 'out' && f.message[1] === 'bad-in');
    expect(refused.slice(0, 3)).toEqual([4, 'bad-in', 'FormatViolation']);
  });
});
