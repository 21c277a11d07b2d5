import { ocpiLocation, type OcpiLocationOptions } from '../../core/ocpi/ocpi-location.ts';
import type { PublishedSites } from '../feeds/published-sites.ts';
import type { PartnerBook } from './ocpi-partner-book.ts';
import type { PushBook } from './push-book.ts';
import { planStatus, readSentLocation } from './push-location-state.ts';
import { locationObject } from './push-queue.ts';
import { pushTargets } from './push-target.ts';

export interface StatusPushDeps {
  partners: Pick<PartnerBook, 'list'>;
  book: PushBook;
  view: Pick<PublishedSites, 'read'>;
  locationOptions?: OcpiLocationOptions;
  now(): Date;
}

/**
 * A station's status as published (src/core/feed/feed-status.ts: a report, a
 * fault, going offline …), queued for every partner that takes Locations at
 * the moment it changes: each change is its own EVSE PATCH with the status
 * as it was then, so ten quick changes reach the partner as ten pushes, in
 * order, however long it was down. The changes of one station are read one
 * after another, each after the one before it is queued; the station's next
 * message waits for it (the caller awaits), so no change is read late.
 */
export function statusPush(d: StatusPushDeps) {
  const chains = new Map<string, Promise<void>>();

  async function push(stationId: string): Promise<void> {
    const targets = pushTargets(await d.partners.list()).filter((t) => t.locations);
    if (targets.length === 0) return;
    const readAt = d.now();
    const view = await d.view.read(readAt, { stationId });
    const site = view.sites[0];
    if (!site) return;
    const location = ocpiLocation(site, view.operator, d.locationOptions);
    const uids = site.stations.find((s) => s.id === stationId)?.evses.map((e) => e.uid) ?? [];
    for (const t of targets) {
      const c = { partnerId: t.partnerId, since: t.since, readAt: readAt.toISOString() };
      await d.book.change(t.partnerId, locationObject(location.id), (sent) => planStatus(c, readSentLocation(sent), location, uids), readAt);
    }
  }

  return {
    stationChanged(stationId: string): Promise<void> {
      const next = (chains.get(stationId) ?? Promise.resolve()).then(() => push(stationId));
      const kept = next.catch(() => undefined);
      chains.set(stationId, kept);
      void kept.then(() => {
        if (chains.get(stationId) === kept) chains.delete(stationId);
      });
      return next;
    },
  };
}

export type StatusPush = ReturnType<typeof statusPush>;
