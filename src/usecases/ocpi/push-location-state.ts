import { locationPlan, statusPlan, type LocationPush } from '../../core/ocpi/location-push.ts';
import type { OcpiLocation } from '../../core/ocpi/ocpi-types.ts';
import type { PushChange } from './push-book.ts';
import { locationObject, type PushItem } from './push-queue.ts';

// A partner's copy of a Location as Ladepay's pushes leave it, and for each
// EVSE the time of the read its status was taken from. Two writers change it:
// a station's change (status-push.ts) and the planner (push-planner.ts); a
// status read earlier than the one the copy has is older news and is not
// pushed over it.
export interface SentLocation {
  location: OcpiLocation;
  statusReadAt: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readSentLocation(v: unknown): SentLocation | undefined {
  if (!isRecord(v) || !isRecord(v.location) || !isRecord(v.statusReadAt)) return undefined;
  return v as unknown as SentLocation;
}

const later = (a: string, b: string) => (a > b ? a : b);

// How a decided Location push waits in the queue.
export interface PushContext {
  partnerId: string;
  // When the partner began to take pushes: nothing reaches it earlier than that.
  since: string;
  readAt: string;
}

function itemOf(c: PushContext, location: OcpiLocation, p: LocationPush, changedAt?: string): PushItem {
  const body = p.body as { last_updated?: unknown };
  // A change is news from when Ladepay recorded it, or from when the partner came if it came later.
  const stamp = changedAt ?? (typeof body.last_updated === 'string' ? body.last_updated : c.readAt);
  const at = later(stamp, c.since);
  return {
    partnerId: c.partnerId,
    module: 'locations',
    method: p.method,
    path: [location.country_code, location.party_id, ...p.path],
    body: p.body,
    object: locationObject(location.id),
    changedAt: at < c.readAt ? at : c.readAt,
  };
}

// Whether two copies are the same party's (OCPI_COUNTRY_CODE, OCPI_PARTY_ID):
// a partner files an object under its party, in the push's path.
export const sameParty = (a: Pick<OcpiLocation, 'country_code' | 'party_id'>, b: Pick<OcpiLocation, 'country_code' | 'party_id'>): boolean =>
  a.country_code === b.country_code && a.party_id === b.party_id;

/**
 * The planner's: everything of the Location, but a status newer than its read
 * kept. The operator's party changed since the copy: the partner has the
 * Location under the old party, so its EVSEs are REMOVED there and the
 * Location PUT whole under the new one (docs/ocpi.md, "Pushing changes").
 */
export function planLocation(c: PushContext, sent: SentLocation | undefined, now: OcpiLocation | undefined): PushChange | undefined {
  if (sent && now && !sameParty(sent.location, now)) {
    const gone = planLocation(c, sent, undefined);
    const fresh = planLocation(c, undefined, now);
    return { sent: fresh?.sent, pushes: [...(gone?.pushes ?? []), ...(fresh?.pushes ?? [])] };
  }
  const held = sent?.statusReadAt ?? {};
  const before = new Map((sent?.location.evses ?? []).map((e) => [e.uid, e]));
  const merged = now && {
    ...now,
    evses: (now.evses ?? []).map((e) => {
      const s = before.get(e.uid);
      return s && s.status !== 'REMOVED' && (held[e.uid] ?? '') > c.readAt ? { ...e, status: s.status, last_updated: later(e.last_updated, s.last_updated) } : e;
    }),
  };
  const plan = locationPlan(sent?.location, merged, c.readAt);
  if (plan.pushes.length === 0 && (plan.sent === undefined) === (sent === undefined)) return undefined;
  const location = plan.sent ?? sent?.location;
  const pushes = location ? plan.pushes.map((p) => itemOf(c, location, p)) : [];
  if (!plan.sent) return { sent: undefined, pushes };
  const statusReadAt = Object.fromEntries((plan.sent.evses ?? []).map((e) => [e.uid, later(held[e.uid] ?? '', c.readAt)]));
  return { sent: { location: plan.sent, statusReadAt }, pushes };
}

/** A station's change: the status of its EVSEs, as read at c.readAt, unless the copy has a later read. */
export function planStatus(c: PushContext, sent: SentLocation | undefined, now: OcpiLocation, uids: readonly string[]): PushChange | undefined {
  // Not sent yet, or under another party: the planner PUTs it whole.
  if (!sent || !sameParty(sent.location, now)) return undefined;
  const fresh = uids.filter((u) => (sent.statusReadAt[u] ?? '') <= c.readAt);
  const plan = statusPlan(sent.location, now, fresh);
  if (plan.pushes.length === 0 || !plan.sent) return undefined;
  const statusReadAt = { ...sent.statusReadAt, ...Object.fromEntries(fresh.map((u) => [u, c.readAt])) };
  // The status as it was when Ladepay read it, news from then.
  return { sent: { location: plan.sent, statusReadAt }, pushes: plan.pushes.map((p) => itemOf(c, now, p, c.readAt)) };
}
