import { STATION_WIDE_STATUSES, statusIn, type ConnectorStatusOrUnknown } from '../vocabulary/connector-status.ts';

// An EVSE's status as the charger feeds say it, whatever the format: one rule
// here, and each format names these in its own words (src/core/ocpi/evse-status.ts,
// src/core/datex2/refill-point-status.ts; docs/feed-mapping.md has the table).
export const FEED_STATUSES = [
  'available', // nothing plugged in, ready to sell
  'charging', // a charge draws power
  'occupied', // a car is plugged in and draws nothing: not started yet, or paused
  'blocked', // the charge has ended and the car is still plugged in
  'reserved',
  'unavailable', // out of service: the station said so, or the operator disabled it
  'faulted',
  'unknown', // not reported yet, or the station is offline
] as const;

export type FeedStatus = (typeof FEED_STATUSES)[number];

// The connector's own status (OCPP 1.6 ChargePointStatus and 2.0.1
// ConnectorStatus, as the OCPP adapter maps them) in the feeds' words.
const FROM_CONNECTOR: Readonly<Record<ConnectorStatusOrUnknown, FeedStatus>> = {
  available: 'available',
  preparing: 'occupied',
  charging: 'charging',
  suspended_ev: 'occupied',
  suspended_evse: 'occupied',
  finishing: 'blocked',
  reserved: 'reserved',
  unavailable: 'unavailable',
  faulted: 'faulted',
  occupied: 'occupied',
  unknown: 'unknown',
};

export interface StatusInputs {
  connector: { status: ConnectorStatusOrUnknown; disabled: boolean };
  station: { online: boolean; disabled: boolean; wideStatus: { status: ConnectorStatusOrUnknown } | undefined };
  siteDisabled: boolean;
}

/**
 * Disabled by the operator (the connector, its station or its site) is out of
 * service whatever the station says; an offline station's last reports are no
 * longer known to be true; a fault or unavailability the station reported for
 * itself as a whole covers every connector; else the connector's own report.
 */
export function feedStatusOf(s: StatusInputs): FeedStatus {
  if (s.connector.disabled || s.station.disabled || s.siteDisabled) return 'unavailable';
  if (!s.station.online) return 'unknown';
  const wide = s.station.wideStatus?.status;
  return FROM_CONNECTOR[wide !== undefined && statusIn(STATION_WIDE_STATUSES, wide) ? wide : s.connector.status];
}
