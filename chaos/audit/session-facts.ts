import type { SimBooks, SimOrder } from '../../simulators/vipps/index.ts';
import type { LadepaySession } from '../ladepay-records.ts';
import type { Press, SessionTruth, TxTruth } from '../session-truth.ts';
import type { WorldSettings } from '../world-settings.ts';

// Everything the auditor knows about one session: the harness's truth (the
// car's meter, the driver's steps), Vipps' books, and what Ladepay decided.

export interface Bounds {
  // Ladepay's own reaction time (a tick of its reconcile loop, an outbox pass,
  // the odd Vipps call that hangs until the client's timeout), in real ms: the
  // world runs faster, Ladepay's timers and Vipps' timeouts do not.
  reactionRealMs: number;
}

export interface SessionFacts {
  truth: SessionTruth;
  ladepay?: LadepaySession;
  books?: SimBooks;
  order?: SimOrder;
  settings: WorldSettings;
  bounds: Bounds;
  downtime: Array<[number, number]>; // Ladepay killed and not yet back, world ms
  byIdTag: Map<string, LadepaySession>;
  booksOf(reference: string): SimBooks | undefined;
}

export function money(f: SessionFacts): { authorized: number; captured: number; cancelled: number; refunded: number } | undefined {
  const a = f.books?.payment.aggregate;
  if (!a) return undefined;
  return { authorized: a.authorizedAmount.value, captured: a.capturedAmount.value, cancelled: a.cancelledAmount.value, refunded: a.refundedAmount.value };
}

// The session's own transaction at the station: the one started with its tag.
export function sessionTx(f: SessionFacts): TxTruth | undefined {
  const tag = f.ladepay?.idTag;
  return f.truth.txs.find((tx) => tag !== undefined && tx.idTag === tag) ?? f.truth.txs[0];
}

// Ladepay's reaction slack in world ms, stretched by any time it was down
// from `from` until the deadline (which the stretch itself moves on).
export function reaction(f: SessionFacts, from: number, to: number): number {
  const slack = f.bounds.reactionRealMs * f.settings.timeScale;
  let down = 0;
  for (let round = 0; round < 4; round++) {
    const until = to + slack + down;
    let next = 0;
    for (const [a, b] of f.downtime) next += Math.max(0, Math.min(b, until) - Math.max(a, from));
    if (next === down) break;
    down = next;
  }
  return slack + down;
}

// Whether the station was connected the whole time between two moments.
export function onlineThroughout(f: SessionFacts, from: number, to: number): boolean {
  return !f.truth.linkDown.some(([a, b]) => a < to && (b ?? Number.POSITIVE_INFINITY) > from);
}

// The moment the station has been connected for needMs in all since `from`:
// Ladepay can only reach a station while it is connected, and a station that
// drops again at once may not have heard what Ladepay sent.
export function connectedFor(f: SessionFacts, from: number, needMs: number): number {
  const downs = f.truth.linkDown
    .map(([a, b]): [number, number] => [a, b ?? Number.POSITIVE_INFINITY])
    .filter(([, b]) => b > from)
    .sort((x, y) => x[0] - y[0]);
  let t = from;
  let left = needMs;
  for (const [a, b] of downs) {
    const up = Math.max(0, a - t);
    if (up >= left) return t + left;
    left -= up;
    t = Math.max(t, b);
    if (!Number.isFinite(t)) return t;
  }
  return t + left;
}

// When Ladepay took a press: its request arrives somewhere between the tap and
// the answer, and only Ladepay saw when (its stop_requested event, if it falls
// in that window; the answer otherwise).
export function pressTakenAt(f: SessionFacts, p: Press): number {
  const answered = p.answeredAt ?? p.sentAt;
  const said = f.ladepay?.events.find((e) => e.type === 'stop_requested' && e.source === 'driver' && e.at >= p.sentAt && e.at <= answered);
  return said?.at ?? answered;
}

// The driver's Stop that the station never received while it charged: no
// remote stop reached it with the station connected from the press on, and
// the charge did not end by itself at about the same moment (a stop at the
// station as the driver pressed, with the station connected, is as good as
// delivered). The first such press counts.
// Ladepay takes the station's own end as the stop's doing only within this
// long after the press (STOP_REACH_SECONDS in src/core/session/stop-reached.ts).
const STOP_REACH_WORLD_MS = 60_000;

// A driver's Stop the station's own end (not on a remote stop) came after, by
// more than a stop takes to act but within Ladepay's reaction: the stop may
// have been on its way, or still waiting in Ladepay. Either bill is right.
export function overtakenStop(f: SessionFacts, tx: TxTruth): Press | undefined {
  if (tx.endAt === undefined || tx.endReason === 'Remote' || undeliveredStop(f, tx)) return undefined;
  return f.truth.presses.find((p) => {
    if (p.kind !== 'driver-stop' || p.answeredAt === undefined) return false;
    const delivered = f.truth.remoteStops.some((r) => r.at >= p.sentAt && (r.transactionId === tx.csmsId || r.transactionId === tx.localId));
    return !delivered && (tx.endAt as number) > pressTakenAt(f, p) + STOP_REACH_WORLD_MS;
  });
}

export function undeliveredStop(f: SessionFacts, tx: TxTruth): Press | undefined {
  for (const p of f.truth.presses) {
    if (p.kind !== 'driver-stop' || p.answeredAt === undefined) continue;
    // The station ended the transaction by the time Ladepay took the press (a
    // stop at the station at the same moment): nothing came after the press.
    // Taken, as Ladepay's record says, not answered: an answer may be slow.
    if (tx.endAt !== undefined && tx.endAt <= pressTakenAt(f, p) + 2 * f.settings.timeScale) continue;
    const delivered = f.truth.remoteStops.some(
      (r) => r.at >= p.sentAt && r.answer === 'Accepted' && (r.transactionId === tx.csmsId || r.transactionId === tx.localId) && onlineThroughout(f, pressTakenAt(f, p), r.at),
    );
    if (delivered) continue;
    // Ended at the station soon after the press, while connected: the stop, or
    // the driver stopping there too, ended it. Not a transaction the station
    // lost to a reboot or a power cut: that ends it whether or not a stop came.
    const lost = tx.forgotten === true || tx.endReason === 'PowerLoss' || tx.endReason === 'Reboot';
    const endedWithIt =
      !lost && tx.endAt !== undefined && tx.endAt <= p.answeredAt + reaction(f, p.sentAt, tx.endAt) && onlineThroughout(f, p.sentAt, tx.endAt);
    if (!endedWithIt) return p;
  }
  return undefined;
}
