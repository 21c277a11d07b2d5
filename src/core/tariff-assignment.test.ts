import { describe, expect, it } from 'vitest';
import {
  checkAssignment,
  classConflicts,
  currentOf,
  OPERATOR_WIDE,
  tariffInForce,
  type AssignedTariff,
  type ConnectorTraits,
  type TariffAssignment,
} from './tariff-assignment.ts';

const dc150: ConnectorTraits = { id: 'c-dc150', siteId: 'oslo', type: 'CCS', maxPowerW: 150_000 };
const dc50: ConnectorTraits = { id: 'c-dc50', siteId: 'oslo', type: 'CCS', maxPowerW: 50_000 };
const ac22: ConnectorTraits = { id: 'c-ac22', siteId: 'oslo', type: 'Type2', maxPowerW: 22_000 };
const elsewhere: ConnectorTraits = { id: 'c-bergen', siteId: 'bergen', type: 'CHAdeMO', maxPowerW: 50_000 };

let n = 0;
function assigned(name: string, a: Partial<TariffAssignment>, validFrom = '2026-01-01T00:00:00.000Z'): AssignedTariff {
  n += 1;
  return { id: `t${String(n).padStart(3, '0')}`, name, assignment: { ...OPERATOR_WIDE, ...a }, validFrom };
}

const now = new Date('2026-06-01T12:00:00Z');
const book = [
  assigned('all', {}),
  assigned('oslo', { siteId: 'oslo' }),
  assigned('dc everywhere', { powerClass: { current: 'DC', minPowerW: 0, maxPowerW: null } }),
  assigned('oslo fast', { siteId: 'oslo', powerClass: { current: null, minPowerW: 100_000, maxPowerW: null } }),
  assigned('oslo ac22 connector', { siteId: 'oslo', connectorId: 'c-ac22' }),
  assigned('oslo fast, later', { siteId: 'oslo', powerClass: { current: null, minPowerW: 100_000, maxPowerW: null } }, '2026-03-01T00:00:00.000Z'),
  assigned('oslo fast, not yet', { siteId: 'oslo', powerClass: { current: null, minPowerW: 100_000, maxPowerW: null } }, '2026-09-01T00:00:00.000Z'),
];

describe('tariffInForce', () => {
  it.each([
    ['a connector of its own', ac22, 'oslo ac22 connector'],
    ['a power class at its site, the newest validity begun', dc150, 'oslo fast, later'],
    ['an operator-wide power class over its site', dc50, 'dc everywhere'],
    ['at another site: the operator-wide DC class', elsewhere, 'dc everywhere'],
  ] as const)('%s', (_, connector, expected) => {
    expect(tariffInForce(book, connector, now)?.name).toBe(expected);
  });

  it('falls back to the site, then to the operator-wide tariff', () => {
    const acElsewhere = { ...elsewhere, id: 'c-bergen-ac', type: 'Type2' };
    expect(tariffInForce(book, { ...ac22, id: 'c-other' }, now)?.name).toBe('oslo');
    expect(tariffInForce(book, acElsewhere, now)?.name).toBe('all');
    expect(tariffInForce([], acElsewhere, now)).toBeUndefined();
  });

  it('a power range includes its lower bound and excludes its upper one', () => {
    const ranged = [assigned('up to 50', { powerClass: { current: null, minPowerW: 0, maxPowerW: 50_000 } }), assigned('all', {})];
    expect(tariffInForce(ranged, { ...dc50, maxPowerW: 49_999 }, now)?.name).toBe('up to 50');
    expect(tariffInForce(ranged, dc50, now)?.name).toBe('all');
  });
});

describe('currentOf', () => {
  it.each([
    ['CCS', 'DC'],
    ['CHAdeMO', 'DC'],
    ['Type2', 'AC'],
    ['Type1', 'AC'],
    ['Schuko', 'AC'],
  ] as const)('%s is %s', (type, current) => expect(currentOf(type)).toBe(current));
});

describe('checkAssignment and classConflicts', () => {
  it('refuses a power class on a single connector and an empty or negative range', () => {
    expect(checkAssignment({ siteId: 'oslo', connectorId: 'c1', powerClass: { current: 'DC', minPowerW: 0, maxPowerW: null } })).toEqual([{ field: 'powerClass', code: 'class_with_connector' }]);
    expect(checkAssignment({ ...OPERATOR_WIDE, powerClass: { current: null, minPowerW: 50_000, maxPowerW: 50_000 } })).toEqual([{ field: 'maxPowerW', code: 'empty_power_range' }]);
    expect(checkAssignment({ ...OPERATOR_WIDE, powerClass: { current: null, minPowerW: -1, maxPowerW: null } })).toEqual([{ field: 'minPowerW', code: 'bad_power' }]);
  });

  it('names the classes at the same scope that a connector could fit as well', () => {
    const candidate = { siteId: 'oslo', connectorId: null, powerClass: { current: 'DC' as const, minPowerW: 50_000, maxPowerW: 120_000 } };
    expect(classConflicts(candidate, book).map((t) => t.name)).toEqual(['oslo fast', 'oslo fast, later', 'oslo fast, not yet']);
  });

  it('lets AC and DC, ranges that only touch, other scopes and the same class stand', () => {
    const existing = [
      assigned('oslo dc', { siteId: 'oslo', powerClass: { current: 'DC', minPowerW: 0, maxPowerW: null } }),
      assigned('oslo up to 22', { siteId: 'oslo', powerClass: { current: null, minPowerW: 0, maxPowerW: 22_000 } }),
    ];
    expect(classConflicts({ siteId: 'oslo', connectorId: null, powerClass: { current: 'AC', minPowerW: 22_000, maxPowerW: null } }, existing)).toEqual([]);
    expect(classConflicts({ siteId: null, connectorId: null, powerClass: { current: null, minPowerW: 0, maxPowerW: null } }, existing)).toEqual([]);
    expect(classConflicts({ siteId: 'oslo', connectorId: null, powerClass: { current: 'DC', minPowerW: 0, maxPowerW: null } }, existing).map((t) => t.name)).toEqual(['oslo up to 22']);
  });
});
