import { fieldChanges } from './field-changes.ts';
import type { OcpiConnector, OcpiEvse, OcpiLocation } from './ocpi-types.ts';

// The pushes that bring a partner's copy of a Location (what Ladepay last
// sent it) to the Location as published now (OCPI 2.2.1 mod_locations,
// Receiver interface). PUT a Location new to the partner. Otherwise PATCH
// what changed, at the level it changed (Location, EVSE, Connector), with
// `last_updated` ("Any request to the PATCH method SHALL contain the
// last_updated field"); but PUT the object whose field was taken away, since
// a PATCH "is not suitable to remove information shared earlier". An EVSE no
// longer published is PATCHed to status REMOVED ("When the CPO wants to
// delete an EVSE … they MUST update by setting the status field to REMOVED"),
// and so is every EVSE of a Location no longer published ("A Location without
// valid EVSE objects can be considered as expired"; there is no delete).

export interface LocationPush {
  method: 'PUT' | 'PATCH';
  // The object below the Receiver's {country_code}/{party_id}: location id, then EVSE uid, then connector id.
  path: string[];
  body: object;
}

export interface LocationPlan {
  pushes: LocationPush[];
  // The partner's copy once they are through (an EVSE removed stays in it as REMOVED).
  sent: OcpiLocation | undefined;
}

const REMOVED = 'REMOVED';
const evsesOf = (l: OcpiLocation): OcpiEvse[] => l.evses ?? [];

function removal(locationId: string, e: OcpiEvse, at: string): { push: LocationPush; kept: OcpiEvse } {
  return { push: { method: 'PATCH', path: [locationId, e.uid], body: { status: REMOVED, last_updated: at } }, kept: { ...e, status: REMOVED, last_updated: at } };
}

function connectorPushes(path: string[], before: OcpiConnector, after: OcpiConnector): LocationPush[] {
  const c = fieldChanges(before, after, ['last_updated']);
  const at = [...path, after.id];
  if (c.removed.length > 0) return [{ method: 'PUT', path: at, body: after }];
  return Object.keys(c.changed).length > 0 ? [{ method: 'PATCH', path: at, body: { ...c.changed, last_updated: after.last_updated } }] : [];
}

function evsePushes(locationId: string, before: OcpiEvse | undefined, after: OcpiEvse): LocationPush[] {
  const path = [locationId, after.uid];
  const put: LocationPush[] = [{ method: 'PUT', path, body: after }];
  if (!before || before.status === REMOVED) return put;
  const c = fieldChanges(before, after, ['connectors', 'last_updated']);
  const sameConnectors = before.connectors.map((x) => x.id).join('\n') === after.connectors.map((x) => x.id).join('\n');
  // OCPI has no way to delete a Connector: the EVSE is replaced whole.
  if (c.removed.length > 0 || !sameConnectors) return put;
  const own: LocationPush[] = Object.keys(c.changed).length > 0 ? [{ method: 'PATCH', path, body: { ...c.changed, last_updated: after.last_updated } }] : [];
  return [...own, ...after.connectors.flatMap((x, i) => connectorPushes(path, before.connectors[i] as OcpiConnector, x))];
}

export function locationPlan(sent: OcpiLocation | undefined, now: OcpiLocation | undefined, at: string): LocationPlan {
  if (!now) {
    if (!sent) return { pushes: [], sent: undefined };
    const pushes = evsesOf(sent).filter((e) => e.status !== REMOVED).map((e) => removal(sent.id, e, at).push);
    return { pushes, sent: undefined };
  }
  if (!sent) return { pushes: [{ method: 'PUT', path: [now.id], body: now }], sent: now };
  const top = fieldChanges(sent, now, ['evses', 'last_updated']);
  if (top.removed.length > 0) return { pushes: [{ method: 'PUT', path: [now.id], body: now }], sent: now };
  const pushes: LocationPush[] = Object.keys(top.changed).length > 0 ? [{ method: 'PATCH', path: [now.id], body: { ...top.changed, last_updated: now.last_updated } }] : [];
  const before = new Map(evsesOf(sent).map((e) => [e.uid, e]));
  for (const e of evsesOf(now)) pushes.push(...evsePushes(now.id, before.get(e.uid), e));
  const published = new Set(evsesOf(now).map((e) => e.uid));
  const gone = evsesOf(sent).filter((e) => !published.has(e.uid));
  const removals = gone.map((e) => (e.status === REMOVED ? { push: undefined, kept: e } : removal(now.id, e, at)));
  for (const r of removals) if (r.push) pushes.push(r.push);
  return { pushes, sent: { ...now, evses: [...evsesOf(now), ...removals.map((r) => r.kept)] } };
}

/**
 * Only the status of these EVSEs, as a station's change made it: a PATCH of
 * `status` and `last_updated` for each whose status the partner's copy does
 * not have yet (OCPI's "simple status update").
 */
export function statusPlan(sent: OcpiLocation, now: OcpiLocation, uids: readonly string[]): LocationPlan {
  const fresh = new Map(evsesOf(now).map((e) => [e.uid, e]));
  const pushes: LocationPush[] = [];
  const evses = evsesOf(sent).map((s) => {
    const e = fresh.get(s.uid);
    if (!e || !uids.includes(s.uid) || s.status === REMOVED || s.status === e.status) return s;
    pushes.push({ method: 'PATCH', path: [sent.id, s.uid], body: { status: e.status, last_updated: e.last_updated } });
    return { ...s, status: e.status, last_updated: e.last_updated };
  });
  const lastUpdated = evses.reduce((t, e) => (e.last_updated > t ? e.last_updated : t), sent.last_updated);
  return { pushes, sent: pushes.length > 0 ? { ...sent, evses, last_updated: lastUpdated } : sent };
}
