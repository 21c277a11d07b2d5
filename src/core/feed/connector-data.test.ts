import { describe, expect, it } from 'vitest';
import { connectorDefaults, ratedPowerW, readConnectorSpec, type ConnectorSpec, type ConnectorSpecInput } from './connector-data.ts';

const ccs: ConnectorSpec = { type: 'CCS', maxPowerW: 50_000, standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 500, maxAmperage: 125, cardTerminal: false };
const type2: ConnectorSpec = { type: 'Type2', maxPowerW: 22_000, standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, cardTerminal: false };

function errorsOf(input: ConnectorSpecInput, current?: ConnectorSpec) {
  const r = readConnectorSpec(input, current);
  return r.ok ? [] : r.error.map((e) => `${e.field}:${e.code}`);
}

describe('connector defaults from the plug and its rating', () => {
  it.each<[string, number, Partial<ConnectorSpec>]>([
    ['CCS', 150_000, { standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: null, maxAmperage: null }],
    ['CHAdeMO', 50_000, { standard: 'CHADEMO', format: 'CABLE', powerType: 'DC', maxVoltage: null, maxAmperage: null }],
    ['Type2', 22_000, { standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32 }],
    ['Type2', 11_000, { powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 16 }],
    ['Type2', 7_400, { powerType: 'AC_1_PHASE', maxVoltage: 230, maxAmperage: 32 }],
    ['Type2', 3_700, { powerType: 'AC_1_PHASE', maxVoltage: 230, maxAmperage: 16 }],
    ['Type2', 43_000, { powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 63 }],
    ['Type1', 7_400, { standard: 'IEC_62196_T1', format: 'CABLE', powerType: 'AC_1_PHASE', maxVoltage: 230, maxAmperage: 32 }],
    ['Schuko', 2_300, { standard: 'DOMESTIC_F', format: 'SOCKET', powerType: 'AC_1_PHASE', maxVoltage: 230, maxAmperage: 10 }],
    ['Type2', 100_000, { powerType: 'AC_3_PHASE', maxVoltage: null, maxAmperage: null }],
    ['Wireless', 11_000, { standard: null, format: null, powerType: null }],
  ])('%s at %d W', (type, w, expected) => {
    expect(connectorDefaults(type, w)).toMatchObject({ ...expected, cardTerminal: false });
  });

  it('are always what the checks accept', () => {
    for (const [type, w] of [['CCS', 50_000], ['Type2', 22_000], ['Type2', 7_400], ['Type1', 7_400], ['Schuko', 3_600], ['CHAdeMO', 62_500]] as const) {
      expect(readConnectorSpec({ type, maxPowerW: w }).ok, `${type} ${w}`).toBe(true);
    }
  });
});

describe('rated power', () => {
  it.each([
    [230, 32, 'AC_3_PHASE', 22_100],
    [230, 32, 'AC_1_PHASE', 7_400],
    [230, 16, 'AC_3_PHASE', 11_100],
    [500, 125, 'DC', 62_500],
    [120, 40, 'AC_2_PHASE_SPLIT', 9_600],
  ] as const)('%d V × %d A %s allows %d W', (v, a, p, w) => expect(ratedPowerW(v, a, p)).toBe(w));
});

describe('a connector as set up', () => {
  it('takes its defaults when new, and what is given over them', () => {
    expect(readConnectorSpec({ type: 'CCS', maxPowerW: 150_000, maxVoltage: 920, maxAmperage: 200, cardTerminal: true })).toEqual({
      ok: true,
      value: { type: 'CCS', maxPowerW: 150_000, standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 920, maxAmperage: 200, cardTerminal: true },
    });
  });

  it('keeps what a change leaves out, and clears what it sets to null', () => {
    expect(readConnectorSpec({ maxAmperage: 200 }, ccs)).toEqual({ ok: true, value: { ...ccs, maxAmperage: 200 } });
    expect(readConnectorSpec({ maxVoltage: null, cardTerminal: true }, ccs)).toEqual({ ok: true, value: { ...ccs, maxVoltage: null, cardTerminal: true } });
  });

  it("takes a new type's defaults for all that is not given with it, keeping the card terminal", () => {
    expect(readConnectorSpec({ type: 'Type2', maxPowerW: 22_000 }, { ...ccs, cardTerminal: true })).toEqual({ ok: true, value: { ...type2, cardTerminal: true } });
    expect(readConnectorSpec({ type: 'CCS', maxVoltage: 1000, maxAmperage: 400 }, type2)).toMatchObject({ ok: true, value: { standard: 'IEC_62196_T2_COMBO', powerType: 'DC', maxVoltage: 1000 } });
  });

  it.each<[string, ConnectorSpecInput, ConnectorSpec | undefined, string[]]>([
    ['an OCPI standard that is not the plug', { standard: 'CHADEMO' }, ccs, ['standard:not_for_type']],
    ['a standard OCPI does not have', { standard: 'CCS2' }, ccs, ['standard:unknown_value']],
    ['AC on a CCS', { powerType: 'AC_3_PHASE' }, ccs, ['powerType:not_for_type']],
    ['DC on a Type 2', { powerType: 'DC' }, type2, ['powerType:not_for_type']],
    ['a format OCPI does not have', { format: 'PLUG' }, ccs, ['format:unknown_value']],
    ['a voltage under 50 V', { maxVoltage: 12 }, ccs, ['maxVoltage:out_of_range']],
    ['a voltage over 1500 V', { maxVoltage: 1501 }, ccs, ['maxVoltage:out_of_range']],
    ['a fraction of an ampere', { maxAmperage: 12.5 }, ccs, ['maxAmperage:out_of_range']],
    ['no amperes', { maxAmperage: 0 }, ccs, ['maxAmperage:out_of_range']],
    ['an unknown plug', { type: 'Tesla', maxPowerW: 11_000 }, undefined, ['type:unknown_value']],
    ['a new connector without a type', { maxPowerW: 11_000 }, undefined, ['type:required']],
  ])('refuses %s, naming the field', (_what, input, current, expected) => {
    expect(errorsOf(input, current)).toEqual(expected);
  });

  it('follows a new power with voltage and amperage that only followed the old one', () => {
    expect(readConnectorSpec({ maxPowerW: 11_000 }, type2)).toMatchObject({ ok: true, value: { powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 16 } });
    expect(readConnectorSpec({ maxPowerW: 7_400 }, type2)).toMatchObject({ ok: true, value: { powerType: 'AC_1_PHASE', maxAmperage: 32 } });
    expect(readConnectorSpec({ maxPowerW: 150_000 }, { ...ccs, maxVoltage: null, maxAmperage: null })).toMatchObject({ ok: true, value: { maxVoltage: null, maxAmperage: null } });
  });

  it('refuses a power its voltage and amperage cannot give, naming the field the change wrote', () => {
    // 20 A at 11 kW was set by hand (the rating suggests 16 A): it stays, and 22 kW does not fit it.
    expect(errorsOf({ maxPowerW: 22_000 }, { ...type2, maxPowerW: 11_000, maxAmperage: 20 })).toEqual(['maxPowerW:power_exceeds']);
    expect(errorsOf({ maxPowerW: 22_300 }, { ...type2, maxVoltage: 231 })).toEqual(['maxPowerW:power_exceeds']);
    expect(errorsOf({ maxAmperage: 16 }, type2)).toEqual(['maxAmperage:power_exceeds']);
    expect(errorsOf({ maxVoltage: 120 }, type2)).toEqual(['maxVoltage:power_exceeds']);
    expect(errorsOf({ powerType: 'AC_1_PHASE' }, type2)).toEqual(['powerType:power_exceeds']);
    expect(errorsOf({ cardTerminal: true }, { ...ccs, maxPowerW: 150_000 })).toEqual(['maxPowerW:power_exceeds']);
    const r = readConnectorSpec({ maxPowerW: 62_600 }, ccs);
    expect(r.ok ? undefined : r.error[0]).toMatchObject({ ratedW: 62_500 });
  });

  it('lets the power be anything while voltage or amperage is not known', () => {
    expect(errorsOf({ maxPowerW: 350_000 }, { ...ccs, maxVoltage: null })).toEqual([]);
  });
});
