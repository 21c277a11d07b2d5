import { describe, expect, it } from 'vitest';
import { feedCompleteness, type FeedConnector } from './feed-completeness.ts';
import { SITE_DATA_DEFAULTS, type SiteData } from './site-data.ts';

const site: SiteData = {
  ...SITE_DATA_DEFAULTS,
  city: 'Oslo',
  postalCode: '0252',
  coordinates: { latitude: '59.906900', longitude: '10.721300' },
  openingHours: { twentyFourSeven: true },
  parkingType: 'PARKING_LOT',
};
const connector: FeedConnector = { id: 'A-1', code: 'AAAA', type: 'CCS', maxPowerW: 50_000, standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 500, maxAmperage: 125, cardTerminal: false };
const operator = { partyId: 'LDP' };

describe('feed completeness', () => {
  it('is complete with every field there', () => {
    expect(feedCompleteness(site, operator, [connector])).toEqual({ complete: true, missing: [] });
  });

  it('does not need restrictions, facilities, an owner or a card terminal', () => {
    expect(feedCompleteness({ ...site, parkingRestrictions: [], facilities: [], ownerName: null }, operator, [connector]).complete).toBe(true);
  });

  it('names what a new site lacks, site first, then the operator, then each connector', () => {
    const r = feedCompleteness(SITE_DATA_DEFAULTS, { partyId: undefined }, [{ ...connector, maxVoltage: null, maxAmperage: null }]);
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([
      { scope: 'site', field: 'coordinates' },
      { scope: 'site', field: 'city' },
      { scope: 'site', field: 'postalCode' },
      { scope: 'site', field: 'openingHours' },
      { scope: 'site', field: 'parkingType' },
      { scope: 'operator', field: 'partyId' },
      { scope: 'connector', connectorId: 'A-1', code: 'AAAA', field: 'maxVoltage' },
      { scope: 'connector', connectorId: 'A-1', code: 'AAAA', field: 'maxAmperage' },
    ]);
  });

  it.each([
    ['standard', { standard: null }],
    ['format', { format: null }],
    ['powerType', { powerType: null }],
    ['maxPowerW', { maxPowerW: 0 }],
  ])('misses a connector without %s', (field, change) => {
    expect(feedCompleteness(site, operator, [connector, { ...connector, id: 'A-2', code: 'BBBB', ...change }]).missing).toEqual([{ scope: 'connector', connectorId: 'A-2', code: 'BBBB', field }]);
  });

  it('has nothing to share at a site without connectors', () => {
    expect(feedCompleteness(site, operator, []).missing).toEqual([{ scope: 'site', field: 'connectors' }]);
  });
});
