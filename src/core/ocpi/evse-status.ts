import type { FeedStatus } from '../feed/feed-status.ts';
import type { OcpiEvseStatus } from './ocpi-types.ts';

// OCPI 2.2.1 Status (mod_locations) of an EVSE, from the status the feeds say
// (src/core/feed/feed-status.ts, which already folds in an offline station,
// a disabled one, and a station-wide report). OCPI CHARGING is "in use", so a
// car plugged in without drawing power is CHARGING too; BLOCKED is "not
// accessible because of a physical barrier, i.e. a car": a car left plugged in
// after its charge ended; INOPERATIVE is "temporarily not available, but not
// broken": out of service; OUTOFORDER is broken: a fault; UNKNOWN is "no status
// information available (also used when offline)".
const OCPI_STATUS: Readonly<Record<FeedStatus, OcpiEvseStatus>> = {
  available: 'AVAILABLE',
  charging: 'CHARGING',
  occupied: 'CHARGING',
  blocked: 'BLOCKED',
  reserved: 'RESERVED',
  unavailable: 'INOPERATIVE',
  faulted: 'OUTOFORDER',
  unknown: 'UNKNOWN',
};

export function ocpiEvseStatus(status: FeedStatus): OcpiEvseStatus {
  return OCPI_STATUS[status];
}
