import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { TestCsms } from './test-csms.ts';

// The station's screen against a strict CSMS: what it says it has, what it
// takes, and the answers of a station without one.

const VENDOR = 'org.openchargealliance.costmsg';

describe('a station with a screen', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms();
  });
  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  async function station(stationId: string, options: Partial<ChargePointOptions> & Pick<ChargePointOptions, 'protocol'>): Promise<ChargePoint> {
    const cp = await startChargePoint({ csmsUrl: csms.url, stationId, timeScale: 0, ...options });
    started.push(cp);
    return cp;
  }

  it('1.6 California Pricing: says so, keeps the default price and records the cost messages', async () => {
    const cp = await station('SCR-16', { protocol: 'ocpp1.6', display: 'california' });
    const config = (await csms.callStation('SCR-16', 'GetConfiguration', { key: ['CustomDisplayCostAndPrice', 'NumberOfDecimalsForCostValues'] })) as {
      configurationKey: { key: string; value: string }[];
    };
    expect(config.configurationKey.map((k) => [k.key, k.value])).toEqual([
      ['CustomDisplayCostAndPrice', 'true'],
      ['NumberOfDecimalsForCostValues', '2'],
    ]);
    const price = JSON.stringify({ priceText: '5,00 kr/kWh', priceTextOffline: 'Uten nett', chargingPrice: { kWhPrice: 5, hourPrice: 0, flatFee: 0 } });
    expect(await csms.callStation('SCR-16', 'ChangeConfiguration', { key: 'DefaultPrice', value: price })).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('SCR-16', 'ChangeConfiguration', { key: 'DefaultPrice', value: 'not json' })).toEqual({ status: 'Rejected' });
    const user = { idToken: 'TAG1', priceText: 'Maks 350,00 kr' };
    expect(await csms.callStation('SCR-16', 'DataTransfer', { vendorId: VENDOR, messageId: 'SetUserPrice', data: JSON.stringify(user) })).toEqual({ status: 'Accepted' });
    // No transaction 99 on this station.
    const cost = { transactionId: 99, cost: 1.5, qrCodeText: 'https://example.no/s/x' };
    expect(await csms.callStation('SCR-16', 'DataTransfer', { vendorId: VENDOR, messageId: 'FinalCost', data: JSON.stringify(cost) })).toEqual({ status: 'Rejected' });
    expect(await csms.callStation('SCR-16', 'DataTransfer', { vendorId: VENDOR, messageId: 'Other', data: '{}' })).toEqual({ status: 'UnknownMessageId' });

    const screen = cp.screen();
    expect(screen.now.defaultPrice).toEqual({ priceText: '5,00 kr/kWh', priceTextOffline: 'Uten nett', chargingPrice: { kWhPrice: 5, hourPrice: 0, flatFee: 0 } });
    expect(screen.now.userPrice).toEqual(user);
    expect(screen.history.map((e) => e.kind)).toEqual(['default_price', 'user_price']);
  });

  it('2.0.1 display messages: says so, shows, replaces and clears messages, and keeps the last cost', async () => {
    const cp = await station('SCR-201', { protocol: 'ocpp2.0.1', display: 'display-messages' });
    const read = (await csms.callStation('SCR-201', 'GetVariables', {
      getVariableData: [
        { component: { name: 'DisplayMessageCtrlr' }, variable: { name: 'Available' } },
        { component: { name: 'TariffCostCtrlr' }, variable: { name: 'Enabled', instance: 'Cost' } },
      ],
    })) as { getVariableResult: { attributeStatus: string; attributeValue?: string }[] };
    expect(read.getVariableResult.map((r) => [r.attributeStatus, r.attributeValue])).toEqual([
      ['Accepted', 'true'],
      ['Accepted', 'true'],
    ]);
    const message = (id: number, content: string) => ({ message: { id, priority: 'NormalCycle', state: 'Idle', message: { format: 'UTF8', language: 'nb', content } } });
    expect(await csms.callStation('SCR-201', 'SetDisplayMessage', message(1, 'Første'))).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('SCR-201', 'SetDisplayMessage', message(1, 'Andre'))).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('SCR-201', 'SetDisplayMessage', message(2, 'Tredje'))).toEqual({ status: 'Accepted' });
    const bound = { message: { id: 101, priority: 'InFront', transactionId: 'nope', message: { format: 'UTF8', content: 'x' } } };
    expect(await csms.callStation('SCR-201', 'SetDisplayMessage', bound)).toEqual({ status: 'UnknownTransaction' });
    expect(await csms.callStation('SCR-201', 'ClearDisplayMessage', { id: 2 })).toEqual({ status: 'Accepted' });
    expect(await csms.callStation('SCR-201', 'ClearDisplayMessage', { id: 2 })).toEqual({ status: 'Unknown' });
    expect(await csms.callStation('SCR-201', 'CostUpdated', { totalCost: 12.5, transactionId: 'tx' })).toEqual({});

    const now = cp.screen().now;
    expect(now.messages.map((m) => [m.id, m.content])).toEqual([[1, 'Andre']]);
    expect(now.totalCost).toEqual({ transactionId: 'tx', totalCost: 12.5 });
  });

  it('without the option answers as a station without a screen', async () => {
    const cp16 = await station('PLAIN-16', { protocol: 'ocpp1.6' });
    const cp201 = await station('PLAIN-201', { protocol: 'ocpp2.0.1' });
    const config = (await csms.callStation('PLAIN-16', 'GetConfiguration', { key: ['CustomDisplayCostAndPrice'] })) as { unknownKey?: string[] };
    expect(config.unknownKey).toEqual(['CustomDisplayCostAndPrice']);
    expect(await csms.callStation('PLAIN-16', 'DataTransfer', { vendorId: VENDOR, messageId: 'SetUserPrice', data: '{}' })).toEqual({ status: 'UnknownVendorId' });
    const read = (await csms.callStation('PLAIN-201', 'GetVariables', {
      getVariableData: [{ component: { name: 'DisplayMessageCtrlr' }, variable: { name: 'Available' } }],
    })) as { getVariableResult: { attributeStatus: string }[] };
    expect(read.getVariableResult[0]?.attributeStatus).toBe('UnknownComponent');
    await expect(csms.callStation('PLAIN-201', 'CostUpdated', { totalCost: 1, transactionId: 'tx' })).rejects.toThrow(/not supported/);
    expect(cp16.screen()).toMatchObject({ option: 'none', history: [] });
    expect(cp201.screen()).toMatchObject({ option: 'none', history: [] });
  });

  it('refuses a screen of the other protocol', async () => {
    await expect(startChargePoint({ csmsUrl: csms.url, stationId: 'X', protocol: 'ocpp2.0.1', display: 'california' })).rejects.toThrow(/1\.6/);
  });
});
