import { describe, expect, it } from 'vitest';
import type { ConnectorStatusOrUnknown } from '../vocabulary/connector-status.ts';
import { feedStatusOf, type FeedStatus, type StatusInputs } from './feed-status.ts';

const online = { online: true, disabled: false, wideStatus: undefined };
const inputs = (status: ConnectorStatusOrUnknown, over: Partial<StatusInputs> = {}): StatusInputs => ({
  connector: { status, disabled: false },
  station: online,
  siteDisabled: false,
  ...over,
});

describe('the status the feeds say', () => {
  it.each<[ConnectorStatusOrUnknown, FeedStatus]>([
    ['available', 'available'],
    ['preparing', 'occupied'],
    ['charging', 'charging'],
    ['suspended_ev', 'occupied'],
    ['suspended_evse', 'occupied'],
    ['finishing', 'blocked'],
    ['occupied', 'occupied'],
    ['reserved', 'reserved'],
    ['unavailable', 'unavailable'],
    ['faulted', 'faulted'],
    ['unknown', 'unknown'],
  ])('of a connector reported %s on a station online is %s', (status, expected) => {
    expect(feedStatusOf(inputs(status))).toBe(expected);
  });

  it('is unknown on a station offline, whatever its connectors last said', () => {
    expect(feedStatusOf(inputs('available', { station: { ...online, online: false } }))).toBe('unknown');
    expect(feedStatusOf(inputs('charging', { station: { ...online, online: false } }))).toBe('unknown');
  });

  it('is unavailable when the operator disabled the connector, its station or its site, online or not', () => {
    expect(feedStatusOf(inputs('available', { connector: { status: 'available', disabled: true } }))).toBe('unavailable');
    expect(feedStatusOf(inputs('available', { station: { ...online, disabled: true } }))).toBe('unavailable');
    expect(feedStatusOf(inputs('available', { siteDisabled: true }))).toBe('unavailable');
    expect(feedStatusOf(inputs('available', { station: { online: false, disabled: true, wideStatus: undefined } }))).toBe('unavailable');
  });

  it('takes a fault or unavailability the station reported for itself as a whole over its connectors’ own', () => {
    expect(feedStatusOf(inputs('available', { station: { ...online, wideStatus: { status: 'faulted' } } }))).toBe('faulted');
    expect(feedStatusOf(inputs('charging', { station: { ...online, wideStatus: { status: 'unavailable' } } }))).toBe('unavailable');
    expect(feedStatusOf(inputs('charging', { station: { ...online, wideStatus: { status: 'available' } } }))).toBe('charging');
  });
});
