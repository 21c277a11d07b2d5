import type { FeedStatus } from '../feed/feed-status.ts';

// DATEX II RefillPointStatusEnum (AFIR profile, dynamic data) of an EVSE, from
// the status the feeds say (src/core/feed/feed-status.ts). The profile's
// dictionary: `occupied` is in use, `blocked` physically blocked (a car),
// `unavailable` no energy available, `unknown` "can also be offline".
// DATEX `inoperative` ("not yet active or deleted") is not OCPI's INOPERATIVE
// and is not used.
const DATEX_STATUS: Readonly<Record<FeedStatus, string>> = {
  available: 'available',
  charging: 'charging',
  occupied: 'occupied',
  blocked: 'blocked',
  reserved: 'reserved',
  unavailable: 'unavailable',
  faulted: 'faulted',
  unknown: 'unknown',
};

export function refillPointStatus(status: FeedStatus): string {
  return DATEX_STATUS[status];
}
