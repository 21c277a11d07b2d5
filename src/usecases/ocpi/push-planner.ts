import { tariffsInUse } from '../../core/feed/tariffs-in-use.ts';
import { sameContent } from '../../core/ocpi/field-changes.ts';
import { ocpiLocation, type OcpiLocationOptions } from '../../core/ocpi/ocpi-location.ts';
import { ocpiTariff } from '../../core/ocpi/ocpi-tariff.ts';
import type { OcpiLocation, OcpiTariff } from '../../core/ocpi/ocpi-types.ts';
import type { PublishedSites } from '../feeds/published-sites.ts';
import type { PartnerBook } from './ocpi-partner-book.ts';
import type { PushBook } from './push-book.ts';
import { planLocation, readSentLocation, sameParty, type PushContext } from './push-location-state.ts';
import { locationObject, tariffObject, type PushItem } from './push-queue.ts';
import { pushTargets, type PushTarget } from './push-target.ts';

export interface PushPlannerDeps {
  partners: Pick<PartnerBook, 'list'>;
  book: PushBook;
  view: Pick<PublishedSites, 'read'>;
  locationOptions?: OcpiLocationOptions;
  now(): Date;
}

interface Published {
  locations: OcpiLocation[];
  tariffs: OcpiTariff[];
}

const withoutTime = (t: OcpiTariff) => ({ ...t, last_updated: '' });

function tariffItem(c: PushContext, t: Pick<OcpiTariff, 'country_code' | 'party_id' | 'id'>, method: 'PUT' | 'DELETE', body?: OcpiTariff): PushItem {
  const stamp = body ? (body.last_updated > c.since ? body.last_updated : c.since) : c.readAt;
  return { partnerId: c.partnerId, module: 'tariffs', method, path: [t.country_code, t.party_id, t.id], ...(body ? { body } : {}), object: tariffObject(t.id), changedAt: stamp < c.readAt ? stamp : c.readAt };
}

// Every Tariff in use that the partner does not have yet (or has otherwise) is PUT.
async function putTariffs(d: PushPlannerDeps, c: PushContext, published: Published, now: Date): Promise<void> {
  const decide = (t: OcpiTariff) => (sent: unknown) => {
    const held = sent as OcpiTariff | undefined;
    if (held !== undefined && sameContent(withoutTime(held), withoutTime(t))) return undefined;
    // Held under the operator's former party: DELETEd there once the new one is in.
    const moved = held !== undefined && !sameParty(held, t);
    return { sent: t, pushes: [tariffItem(c, t, 'PUT', t), ...(moved ? [tariffItem(c, held, 'DELETE')] : [])] };
  };
  const held = new Map((await d.book.sent(c.partnerId, tariffObject(''))).map((r) => [r.object, r.sent]));
  for (const t of published.tariffs) {
    // Decided first on what was read above, and only when it changes something again with the object held.
    if (decide(t)(held.get(tariffObject(t.id)))) await d.book.change(c.partnerId, tariffObject(t.id), decide(t), now);
  }
}

// Every Location brought to what is published; one no longer published has its EVSEs REMOVED.
async function planLocations(d: PushPlannerDeps, c: PushContext, published: Published, now: Date): Promise<void> {
  const ids = new Set(published.locations.map((l) => l.id));
  const held = new Map((await d.book.sent(c.partnerId, locationObject(''))).map((r) => [r.object, readSentLocation(r.sent)]));
  const plan = async (object: string, l: OcpiLocation | undefined) => {
    // Decided first on what was read above; only a change is decided again with the object held.
    if (!planLocation(c, held.get(object), l)) return;
    await d.book.change(c.partnerId, object, (s) => planLocation(c, readSentLocation(s), l), now);
  };
  for (const l of published.locations) await plan(locationObject(l.id), l);
  for (const [object, copy] of held) if (copy && !ids.has(copy.location.id)) await plan(object, undefined);
}

// A Tariff no EVSE is sold by, and that no Connector of the partner's copies names any more (a REMOVED EVSE's
// do not count), is DELETEd.
async function deleteTariffs(d: PushPlannerDeps, c: PushContext, published: Published, now: Date): Promise<void> {
  const inUse = new Set(published.tariffs.map((t) => t.id));
  const named = new Set<string>();
  for (const { sent } of await d.book.sent(c.partnerId, locationObject(''))) {
    const evses = (readSentLocation(sent)?.location.evses ?? []).filter((e) => e.status !== 'REMOVED');
    for (const id of evses.flatMap((e) => e.connectors.flatMap((x) => x.tariff_ids ?? []))) named.add(id);
  }
  for (const { object, sent } of await d.book.sent(c.partnerId, tariffObject(''))) {
    const t = sent as OcpiTariff;
    if (inUse.has(t.id) || named.has(t.id)) continue;
    await d.book.change(c.partnerId, object, (s) => (s === undefined ? undefined : { sent: undefined, pushes: [tariffItem(c, t, 'DELETE')] }), now);
  }
}

/**
 * The planner (docs/ocpi.md, "Pushing changes"): compares what is published
 * with what each partner was last sent and queues the pushes that make up the
 * difference, in the order a Receiver needs them: new Tariffs first, then the
 * Locations, then Tariffs no longer used. Run once per cluster, at every edit
 * and every few seconds; a station's status is pushed at its change instead
 * (status-push.ts), and this only catches what that missed.
 */
export function pushPlanner(d: PushPlannerDeps) {
  return {
    async plan(): Promise<void> {
      const targets: PushTarget[] = pushTargets(await d.partners.list());
      if (targets.length === 0) return;
      const readAt = d.now();
      const view = await d.view.read(readAt);
      const published: Published = {
        locations: view.sites.map((s) => ocpiLocation(s, view.operator, d.locationOptions)),
        tariffs: tariffsInUse(view).map((t) => ocpiTariff(t, view.operator)),
      };
      for (const t of targets) {
        const c: PushContext = { partnerId: t.partnerId, since: t.since, readAt: readAt.toISOString() };
        if (t.tariffs) await putTariffs(d, c, published, readAt);
        if (t.locations) await planLocations(d, c, published, readAt);
        if (t.tariffs) await deleteTariffs(d, c, published, readAt);
      }
    },
  };
}

export type PushPlanner = ReturnType<typeof pushPlanner>;
