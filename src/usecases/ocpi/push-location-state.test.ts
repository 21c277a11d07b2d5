import { describe, expect, it } from 'vitest';
import type { OcpiEvse, OcpiLocation } from '../../core/ocpi/ocpi-types.ts';
import { planLocation, planStatus, type PushContext, type SentLocation } from './push-location-state.ts';

const evse = (uid: string, status: OcpiEvse['status'], lastUpdated: string): OcpiEvse => ({
  uid,
  status,
  connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2026-03-02T08:00:00.000Z' }],
  last_updated: lastUpdated,
});
const location = (evses: OcpiEvse[], name = 'Kaia'): OcpiLocation => ({
  country_code: 'NO',
  party_id: 'LDP',
  id: 'kaia',
  publish: true,
  name,
  address: 'Kaigata 5',
  city: 'Oslo',
  country: 'NOR',
  coordinates: { latitude: '59.907400', longitude: '10.721900' },
  time_zone: 'Europe/Oslo',
  evses,
  last_updated: '2026-03-02T08:00:00.000Z',
});
const ctx = (readAt: string): PushContext => ({ partnerId: 'p1', since: '2026-03-02T07:00:00.000Z', readAt });

// The partner's copy has two writers: a station's change and the planner.
// A status read earlier than the copy's own is older news, and never pushed
// over a newer one.
describe('a partner’s copy of a Location, written by a station’s change and by the planner', () => {
  const copy: SentLocation = { location: location([evse('A', 'CHARGING', '2026-03-02T09:00:05.000Z')]), statusReadAt: { A: '2026-03-02T09:00:05.000Z' } };

  it('keeps a status newer than the planner’s read, in a PATCH as in the copy', () => {
    const planned = planLocation(ctx('2026-03-02T09:00:00.000Z'), copy, location([evse('A', 'AVAILABLE', '2026-03-02T08:30:00.000Z')], 'Kaia nord'));
    expect(planned?.pushes.map((p) => [p.method, p.path.join('/'), p.body])).toEqual([['PATCH', 'NO/LDP/kaia', { name: 'Kaia nord', last_updated: '2026-03-02T08:00:00.000Z' }]]);
    expect((planned?.sent as SentLocation).location.evses?.[0]?.status).toBe('CHARGING');
  });

  it('pushes the planner’s status when its read is the later one', () => {
    const planned = planLocation(ctx('2026-03-02T09:01:00.000Z'), copy, location([evse('A', 'AVAILABLE', '2026-03-02T09:00:30.000Z')]));
    expect(planned?.pushes.map((p) => p.body)).toEqual([{ status: 'AVAILABLE', last_updated: '2026-03-02T09:00:30.000Z' }]);
    expect((planned?.sent as SentLocation).statusReadAt).toEqual({ A: '2026-03-02T09:01:00.000Z' });
  });

  it('drops a station’s change read before the copy’s, and queues a later one as news from its read', () => {
    const now = location([evse('A', 'OUTOFORDER', '2026-03-02T09:00:06.000Z')]);
    expect(planStatus(ctx('2026-03-02T09:00:04.000Z'), copy, now, ['A'])).toBeUndefined();
    const later = planStatus(ctx('2026-03-02T09:00:07.000Z'), copy, now, ['A']);
    expect(later?.pushes).toEqual([
      { partnerId: 'p1', module: 'locations', method: 'PATCH', path: ['NO', 'LDP', 'kaia', 'A'], body: { status: 'OUTOFORDER', last_updated: '2026-03-02T09:00:06.000Z' }, object: 'location:kaia', changedAt: '2026-03-02T09:00:07.000Z' },
    ]);
    expect(planStatus(ctx('2026-03-02T09:00:07.000Z'), undefined, now, ['A'])).toBeUndefined(); // not sent yet: the planner PUTs it whole
  });

  it('dates a push from its change, or from when the partner came if it came later, never after the read', () => {
    const first = planLocation({ ...ctx('2026-03-02T10:00:00.000Z'), since: '2026-03-02T09:30:00.000Z' }, undefined, location([evse('A', 'AVAILABLE', '2026-03-02T08:00:00.000Z')]));
    expect(first?.pushes.map((p) => [p.method, p.changedAt])).toEqual([['PUT', '2026-03-02T09:30:00.000Z']]);
    const renamed = { ...location([evse('A', 'CHARGING', '2026-03-02T09:00:05.000Z')], 'Kaia sør'), last_updated: '2026-03-02T09:40:00.000Z' };
    expect(planLocation(ctx('2026-03-02T10:00:00.000Z'), copy, renamed)?.pushes[0]?.changedAt).toBe('2026-03-02T09:40:00.000Z');
    // A time ahead of Ladepay's read (a clock set wrong somewhere): news from the read.
    expect(planLocation(ctx('2026-03-02T09:30:00.000Z'), copy, renamed)?.pushes[0]?.changedAt).toBe('2026-03-02T09:30:00.000Z');
  });
  it('moves a copy held under the operator’s former party: REMOVED there, PUT whole under the new one', () => {
    const now = { ...location([evse('A', 'AVAILABLE', '2026-03-02T09:00:30.000Z')]), party_id: 'XYZ' };
    const planned = planLocation(ctx('2026-03-02T09:01:00.000Z'), copy, now);
    expect(planned?.pushes.map((p) => [p.method, p.path.join('/'), (p.body as { status?: string }).status])).toEqual([
      ['PATCH', 'NO/LDP/kaia/A', 'REMOVED'],
      ['PUT', 'NO/XYZ/kaia', undefined],
    ]);
    expect((planned?.sent as SentLocation).location.party_id).toBe('XYZ');
    // A station's change leaves a copy under the former party to the planner.
    expect(planStatus(ctx('2026-03-02T09:01:00.000Z'), copy, now, ['A'])).toBeUndefined();
  });
});
