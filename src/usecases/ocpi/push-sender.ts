import type { EffectHandler, EffectResult } from '../ports/effect-result.ts';
import type { PartnerBook } from './ocpi-partner-book.ts';
import type { OcpiPeer } from './ocpi-peer.ts';
import type { PushBook } from './push-book.ts';
import { readPushItem, type PushModule } from './push-queue.ts';
import { pushTargetOf } from './push-target.ts';

// What the sender reports: to the metrics, and to the log once per streak of
// failures (its start, and its end), never once per attempt.
export interface PushWatch {
  accepted(module: PushModule, delaySeconds: number): void;
  failed(module: PushModule): void;
  failing(e: { partnerId: string; partner: string; problem: string }): void;
  recovered(e: { partnerId: string; partner: string; failures: number }): void;
}

export interface PushSenderDeps {
  partners: Pick<PartnerBook, 'byId' | 'theirToken' | 'pushAccepted' | 'pushFailed'>;
  book: PushBook;
  peer: OcpiPeer;
  us: { countryCode: string; partyId: string | undefined };
  // How long after its n-th failed attempt a push is tried again.
  backoff(attempt: number): number;
  watch: PushWatch;
  // A partner did not know an object Ladepay PATCHed: plan again, so it is PUT whole.
  replan(): void;
  now(): Date;
}

// 1 s, 2 s, 4 s … up to the cap, the first step and the cap from the configuration.
export function pushBackoff(firstMs: number, maxMs: number): (attempt: number) => number {
  return (attempt) => Math.min(firstMs * 2 ** Math.min(30, Math.max(0, attempt - 1)), maxMs);
}

const done = (why: string): EffectResult => ({ status: 'done', result: { dropped: why } });

/**
 * Runs one push from the outbox (push-queue.ts): the request to the
 * partner's Receiver endpoint with its token and the routing headers. Any
 * answer but success (an HTTP error, an OCPI status other than 1xxx, no
 * OCPI response, no answer in time) is retried with backoff, holding up the
 * pushes behind it in its queue. A partner unregistered, or no longer
 * offering the module, gets nothing more.
 */
export function pushSender(d: PushSenderDeps): EffectHandler {
  return async (item) => {
    const push = readPushItem(item.payload);
    if (!push) return { status: 'dead', error: 'not an OCPI push' };
    const partner = await d.partners.byId(push.partnerId);
    const target = partner && pushTargetOf(partner);
    const base = target?.[push.module];
    const token = base && (await d.partners.theirToken(push.partnerId));
    if (!partner || !target || !base || !token) return done('the partner takes no such pushes any more');
    if (!d.us.partyId) return done('OCPI_PARTY_ID is not set');
    const url = `${base.replace(/\/+$/, '')}/${push.path.map(encodeURIComponent).join('/')}`;
    const answer = await d.peer.call(push.method, url, token, push.body, { from: { countryCode: d.us.countryCode, partyId: d.us.partyId }, to: target.to });
    const now = d.now();
    if (answer.ok) {
      const delayMs = Math.max(0, now.getTime() - Date.parse(push.changedAt));
      d.watch.accepted(push.module, delayMs / 1000);
      const failures = await d.partners.pushAccepted(partner.id, now, delayMs);
      if (failures > 0) d.watch.recovered({ partnerId: partner.id, partner: partner.name, failures });
      return { status: 'done' };
    }
    if (push.method === 'PATCH' && (answer.httpStatus === 404 || answer.ocpiStatus === 2003)) {
      // OCPI 2.2.1 transport and format, PATCH: "In case a PATCH request fails, the client is expected to call the
      // GET method to check the state of the object in the other party's system. If the object doesn't exist, the
      // client should do a PUT." The partner said it does not know it (HTTP 404, OCPI 2003 "Unknown Location"):
      // it has lost what it was sent, so it gets everything anew, each object PUT whole.
      await d.book.forget(partner.id);
      d.replan();
      return { status: 'done', result: { unknownToPartner: answer.problem } };
    }
    // A Tariff to delete that the partner does not have is gone either way.
    if (push.method === 'DELETE' && answer.httpStatus === 404) return done(`gone already: ${answer.problem}`);
    d.watch.failed(push.module);
    const problem = `${push.method} ${url}: ${answer.problem}`;
    if ((await d.partners.pushFailed(partner.id, problem)) === 1) d.watch.failing({ partnerId: partner.id, partner: partner.name, problem });
    return { status: 'retry', error: answer.problem, retryInMs: d.backoff(item.attempts), quiet: true };
  };
}
