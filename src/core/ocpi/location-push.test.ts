import { describe, expect, it } from 'vitest';
import { locationPlan, statusPlan } from './location-push.ts';
import type { OcpiEvse, OcpiLocation } from './ocpi-types.ts';

const T0 = '2026-03-02T08:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';
const AT = '2026-03-02T10:00:00.000Z';

function anEvse(uid: string, o: Partial<OcpiEvse> = {}): OcpiEvse {
  return {
    uid,
    evse_id: `NO*LDP*E${uid}`,
    status: 'AVAILABLE',
    connectors: [{ id: '1', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 200, max_electric_power: 150_000, tariff_ids: ['T1'], last_updated: T0 }],
    parking_restrictions: [],
    last_updated: T0,
    ...o,
  };
}

function aLocation(o: Partial<OcpiLocation> = {}): OcpiLocation {
  return {
    country_code: 'NO',
    party_id: 'LDP',
    id: 'site',
    publish: true,
    name: 'Testgata lading',
    address: 'Testgata 1',
    city: 'Oslo',
    postal_code: '0150',
    country: 'NOR',
    coordinates: { latitude: '59.906900', longitude: '10.753300' },
    parking_type: 'PARKING_LOT',
    evses: [anEvse('A'), anEvse('B')],
    facilities: ['CAFE'],
    time_zone: 'Europe/Oslo',
    last_updated: T0,
    ...o,
  };
}

// A PATCH with its body; a PUT by its path (its body is the whole object, checked apart).
const summary = (plan: ReturnType<typeof locationPlan>) => plan.pushes.map((p) => `${p.method} ${p.path.join('/')}${p.method === 'PATCH' ? ` ${JSON.stringify(p.body)}` : ''}`);

describe('locationPlan: from what a partner was sent to what is published', () => {
  it.each([
    ['a Location new to the partner is PUT', undefined, aLocation(), ['PUT site']],
    ['nothing changed but times: nothing', aLocation(), aLocation({ last_updated: T1, evses: [anEvse('A', { last_updated: T1 }), anEvse('B')] }), []],
    ['a new name: PATCH of the name with last_updated', aLocation(), aLocation({ name: 'Ny', last_updated: T1 }), [`PATCH site {"name":"Ny","last_updated":"${T1}"}`]],
    ['facilities taken away: PUT of the Location (a PATCH cannot remove)', aLocation(), aLocation({ facilities: undefined, last_updated: T1 }), ['PUT site']],
    ['an EVSE status: PATCH of the EVSE', aLocation(), aLocation({ evses: [anEvse('A', { status: 'CHARGING', last_updated: T1 }), anEvse('B')] }), [`PATCH site/A {"status":"CHARGING","last_updated":"${T1}"}`]],
    [
      'a new tariff: PATCH of the Connector’s tariff_ids',
      aLocation(),
      aLocation({ evses: [anEvse('A'), anEvse('B', { connectors: [{ ...anEvse('B').connectors[0]!, tariff_ids: ['T2'], last_updated: T1 }] })] }),
      [`PATCH site/B/1 {"tariff_ids":["T2"],"last_updated":"${T1}"}`],
    ],
    ['an EVSE added: PUT of the EVSE', aLocation(), aLocation({ evses: [anEvse('A'), anEvse('B'), anEvse('C')] }), ['PUT site/C']],
    ['an EVSE gone: PATCH to REMOVED', aLocation(), aLocation({ evses: [anEvse('A')] }), [`PATCH site/B {"status":"REMOVED","last_updated":"${AT}"}`]],
    ['an EVSE without its capabilities: PUT of the EVSE', aLocation({ evses: [anEvse('A', { capabilities: ['CREDIT_CARD_PAYABLE'] }), anEvse('B')] }), aLocation(), ['PUT site/A']],
    ['a Location no longer published: each EVSE REMOVED', aLocation(), undefined, [`PATCH site/A {"status":"REMOVED","last_updated":"${AT}"}`, `PATCH site/B {"status":"REMOVED","last_updated":"${AT}"}`]],
    ['nothing sent and nothing published: nothing', undefined, undefined, []],
  ] as const)('%s', (_, sent, now, expected) => {
    const plan = locationPlan(sent, now, AT);
    expect(summary(plan)).toEqual(expected);
    // A PUT carries the object as published, whole.
    for (const p of plan.pushes.filter((x) => x.method === 'PUT')) {
      const [, uid, connector] = p.path;
      const evse = now?.evses?.find((e) => e.uid === uid);
      expect(p.body).toEqual(connector ? evse?.connectors.find((c) => c.id === connector) : (evse ?? now));
    }
  });

  it('keeps a removed EVSE in the copy as REMOVED, removes it once, and PUTs it again when it comes back', () => {
    const first = locationPlan(aLocation(), aLocation({ evses: [anEvse('A')] }), AT);
    expect(first.sent?.evses?.map((e) => [e.uid, e.status])).toEqual([['A', 'AVAILABLE'], ['B', 'REMOVED']]);
    expect(locationPlan(first.sent, aLocation({ evses: [anEvse('A')] }), AT).pushes).toEqual([]);
    const back = locationPlan(first.sent, aLocation(), AT);
    expect(summary(back)).toEqual(['PUT site/B']);
    expect(back.pushes[0]?.body).toEqual(anEvse('B'));
  });

  it('leaves the copy as the Location published, so the same plan again pushes nothing', () => {
    const now = aLocation({ name: 'Ny', evses: [anEvse('A', { status: 'OUTOFORDER' }), anEvse('C')] });
    const plan = locationPlan(aLocation(), now, AT);
    expect(locationPlan(plan.sent, now, AT).pushes).toEqual([]);
  });
});

describe('statusPlan: a station’s change, its status only', () => {
  it('PATCHes the status of the EVSEs asked about that the copy does not have, and notes it', () => {
    const now = aLocation({ name: 'Ny', evses: [anEvse('A', { status: 'CHARGING', last_updated: T1 }), anEvse('B', { status: 'BLOCKED', last_updated: T1 })] });
    const plan = statusPlan(aLocation(), now, ['A']);
    expect(summary(plan)).toEqual([`PATCH site/A {"status":"CHARGING","last_updated":"${T1}"}`]);
    expect(plan.sent?.evses?.map((e) => e.status)).toEqual(['CHARGING', 'AVAILABLE']);
    expect(plan.sent?.name).toBe('Testgata lading'); // not a station's to change
    expect(plan.sent?.last_updated).toBe(T1);
    expect(statusPlan(plan.sent!, now, ['A']).pushes).toEqual([]);
  });

  it('leaves an EVSE the partner has as REMOVED, or does not have, to the full plan', () => {
    const sent = aLocation({ evses: [anEvse('A', { status: 'REMOVED' })] });
    expect(statusPlan(sent, aLocation({ evses: [anEvse('A', { status: 'CHARGING' }), anEvse('B', { status: 'CHARGING' })] }), ['A', 'B']).pushes).toEqual([]);
  });
});
