import { TERMINAL_STATES, stateIn } from '../../src/core/vocabulary/session-states.ts';
import { fail, pass, type Check } from './check.ts';
import { finalRegister, registerAt } from './meter-truth.ts';
import { connectedFor, reaction, sessionTx, type SessionFacts } from './session-facts.ts';

// What happened when: the start, the end of the charge, the end of the session.

export const startAfterAuthorizedGet: Check = {
  name: 'no start without an AUTHORIZED GET',
  what: 'every remote start the station received came after Ladepay read the payment as AUTHORIZED from Vipps (a GET the simulator answered)',
  run(f) {
    if (f.truth.remoteStarts.length === 0) return undefined;
    for (const start of f.truth.remoteStarts) {
      const session = f.byIdTag.get(start.idTag);
      if (!session) return fail(`a remote start with tag ${start.idTag}, which no session has`);
      const reads = f.booksOf(session.reference)?.reads ?? [];
      const confirmed = reads.some((r) => r.state === 'AUTHORIZED' && Date.parse(r.at) <= start.at);
      if (!confirmed) return fail(`remote start at ${new Date(start.at).toISOString()} for ${session.reference} with no AUTHORIZED GET before it (GETs: ${reads.map((r) => `${r.at} ${r.state}`).join(', ') || 'none'})`);
    }
    return pass;
  },
};

export const stationStoppedAfterSettlement: Check = {
  name: 'no energy after settlement',
  what: 'once Ladepay has settled a session the station stops: after the settlement it may deliver at most until it has been connected for one meter interval and Ladepay’s reaction time',
  run(f) {
    const tx = sessionTx(f);
    const decided = f.ladepay?.decidedAt;
    if (!tx || decided === undefined) return undefined;
    if (tx.endAt !== undefined && tx.endAt <= decided) return pass;
    // A transaction that started only after the decision (a late start) is judged from its start.
    const from = Math.max(decided, tx.startAt);
    // Connected long enough to hear the stop and act on it (a kill of
    // Ladepay takes the station's link down too).
    const need = f.settings.meterIntervalS * 1000 + f.bounds.reactionRealMs * f.settings.timeScale;
    const allowedUntil = connectedFor(f, from, need);
    const atDecision = registerAt(tx, from).hi;
    const allowed = Math.max(0, registerAt(tx, allowedUntil).hi - atDecision);
    const delivered = Math.max(0, finalRegister(tx) - atDecision);
    if (delivered <= allowed + 1) return pass;
    const minutes = ((tx.endAt ?? allowedUntil) - decided) / 60_000;
    return fail(`the station delivered ${delivered} Wh over ${minutes.toFixed(1)} min after Ladepay settled, ${delivered - allowed} Wh beyond the bound (${allowed} Wh)`);
  },
};

// The latest moment Ladepay may decide, by the first rule that applies.
function dueBy(f: SessionFacts): { at: number; rule: string } | undefined {
  const tx = sessionTx(f);
  const s = f.settings;
  const options: Array<{ at: number; rule: string }> = [];
  const add = (from: number | undefined, afterMs: number, rule: string) => {
    if (from === undefined || !Number.isFinite(from)) return;
    const to = from + afterMs;
    options.push({ at: to + reaction(f, from, to), rule });
  };
  if (tx) {
    const stop = tx.messages.find((m) => m.action === 'stop' && m.answeredAt !== undefined);
    add(stop?.answeredAt, 0, 'the station’s stop');
    if (tx.forgotten && tx.endAt !== undefined) {
      const end = tx.endAt;
      const signals = [
        ...f.truth.boots.filter((b) => b >= end),
        ...f.truth.statuses.filter(([at, status]) => at >= end && status === 'Available').map(([at]) => at),
        ...f.truth.remoteStops.filter((r) => r.at >= end && r.answer === 'Rejected').map((r) => r.at),
      ];
      if (signals.length > 0) add(Math.min(...signals), 60_000, 'a boot, Available or a refused stop after the station lost the transaction: 60 s');
    }
    const heard = tx.messages.filter((m) => m.answeredAt !== undefined).map((m) => m.answeredAt as number);
    if (heard.length > 0) add(Math.max(...heard), s.silenceS * 1000 + s.reconcileRealS * 1000 * s.timeScale, 'the silence timeout after the station’s last message');
    const settle = f.truth.presses.find((p) => p.kind === 'operator-settle' && p.status === 200);
    add(settle?.answeredAt, 0, 'the operator’s settle-now');
  } else {
    const events = f.books?.events ?? [];
    const at = (name: string) => {
      const e = events.find((x) => x.name === name);
      return e ? Date.parse(e.timestamp) : undefined;
    };
    const poll = 5_000 + s.reconcileRealS * 1000 * s.timeScale;
    add(at('ABORTED'), poll, 'the payment rejected: the next poll');
    add(at('EXPIRED'), poll, 'the payment expired: the next poll');
    // The start window runs from when Ladepay learned of the approval: its first GET that Vipps answered AUTHORIZED.
    const confirmed = (f.books?.reads ?? []).find((r) => r.state === 'AUTHORIZED');
    add(confirmed && Date.parse(confirmed.at), s.startWindowS * 1000 + s.reconcileRealS * 1000 * s.timeScale, 'the start window after Ladepay confirmed the payment');
  }
  if (options.length === 0) return undefined;
  return options.reduce((a, b) => (b.at < a.at ? b : a));
}

export const terminalInTime: Check = {
  name: 'ended in time',
  what: 'every session ends (settled, payment failed or start failed) and Ladepay decided it no later than its rule allows after the last input: the station’s stop, a lost transaction’s boot/Available/refused stop (60 s), the silence timeout, settle-now, a rejected or expired payment, the start window',
  run(f) {
    if (!f.truth.reference) return undefined;
    if (!f.ladepay) return fail('Ladepay has no session for this payment');
    if (!stateIn(TERMINAL_STATES, f.ladepay.state)) return fail(`still ${f.ladepay.state} at the end of the run`);
    const due = dueBy(f);
    const decided = f.ladepay.decidedAt;
    if (!due || decided === undefined) return pass;
    if (decided <= due.at) return pass;
    return fail(`decided ${((decided - due.at) / 1000).toFixed(0)} s (world) after its rule allowed (${due.rule})`);
  },
};

export const onePaymentPerVisit: Check = {
  name: 'one payment per visit',
  what: 'Pay pressed twice (or retried) makes one payment and one session',
  run(f) {
    if (!f.truth.plan.payTwice || f.truth.redirects.length === 0) return undefined;
    const distinct = new Set(f.truth.redirects);
    return distinct.size === 1 ? pass : fail(`${distinct.size} different payments: ${[...distinct].join(', ')}`);
  },
};

export const othersRefused: Check = {
  name: 'another station’s messages change nothing',
  what: 'a hostile station’s Authorize or transaction message with this session’s tag is not answered Accepted',
  run(f) {
    if (f.truth.attacks.length === 0) return undefined;
    const accepted = f.truth.attacks.filter((a) => a.tokenAccepted);
    return accepted.length === 0 ? pass : fail(`Ladepay answered Accepted to ${accepted.map((a) => `${a.action} from ${a.from}`).join(', ')}`);
  },
};
