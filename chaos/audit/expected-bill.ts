import { isTrue, registerAt, sentReadings } from './meter-truth.ts';
import { overtakenStop, pressTakenAt, sessionTx, undeliveredStop, type SessionFacts } from './session-facts.ts';
import type { Press, TxTruth } from '../session-truth.ts';

// The energy the billing rules allow Ladepay to bill for a session, from the
// truth alone: exact where the facts pin it, a range where the station was
// silent or the stop never reached it. The rules (docs/chaos.md):
// - billed on the energy between the transaction's start register and its end register;
// - a reading that breaks physics is never billed (the simulator's readings are true
//   except the glitches the run injects, which break physics by far);
// - settled without the station's stop: billed up to the last plausible reading Ladepay
//   had when it decided, so between the last one it had answered and the last one sent;
// - the driver's stop that never reached the station: nothing after the press.

export interface ExpectedEnergy {
  loWh: number;
  hiWh: number;
  rule: string;
  // Another judgment as right as this one (see AMBIGUOUS_REAL_MS).
  or?: ExpectedEnergy;
}

// The station sees its link come up a WebSocket handshake after Ladepay has
// accepted it: a press Ladepay took within that much before the station saw
// its link up may have gone over the new connection, or not.
const AMBIGUOUS_REAL_MS = 100;

export function expectedEnergy(f: SessionFacts): ExpectedEnergy | undefined {
  const tx = sessionTx(f);
  if (!tx) return { loWh: 0, hiWh: 0, rule: 'no transaction at the station: nothing to bill' };
  const press = undeliveredStop(f, tx);
  const expected = expectedFor(f, tx, press);
  const overtaken = press ? undefined : overtakenStop(f, tx);
  const atPress = overtaken && expected ? expectedFor(f, tx, overtaken) : undefined;
  if (expected && atPress) return { ...expected, or: { ...atPress, rule: `${atPress.rule}: the station's own end overtook it` } };
  if (!press || !expected) return expected;
  const taken = pressTakenAt(f, press);
  const window = AMBIGUOUS_REAL_MS * f.settings.timeScale;
  const upJustAfter = f.truth.linkDown.some(([, b]) => b !== null && b > taken && b <= taken + window);
  const delivered = upJustAfter ? expectedFor(f, tx, undefined) : undefined;
  return delivered ? { ...expected, or: { ...delivered, rule: `${delivered.rule}, the press taken as the station came back` } } : expected;
}

function expectedFor(f: SessionFacts, tx: TxTruth, press: Press | undefined): ExpectedEnergy | undefined {
  const decided = f.ladepay?.decidedAt;
  if (decided === undefined) return undefined;
  const start = tx.startWh;
  const stop = tx.messages.find((m) => m.action === 'stop' && m.answeredAt !== undefined);
  // The station's own stop decided it: Ladepay settled while handling it.
  // Each process reads the world clock from its own whole real milliseconds, so
  // two stamps of one real moment differ by up to a real millisecond or two.
  // Within that granule before the stop was sent, the order is Ladepay's word:
  // it ended the session on the stop, or (a settlement whose remote stop the
  // station answered at once) heard the stop late.
  const slack = 2 * f.settings.timeScale;
  const endedOnStop = f.ladepay?.events.some((e) => e.type === 'charging_ended') ?? false;
  // Where Ladepay says it ended on the stop, the stop exists from the moment
  // the station stamped it (its end reading), a little before the harness
  // notes it as sent. A stop queued while the station was away was stamped
  // long before it was sent, and Ladepay could not have had it before then.
  const stopFrom = stop === undefined ? 0 : Math.min(stop.sentAt, ...stop.readings.map((r) => r.at));
  // A stop still in flight when Ladepay decided (sent before, answered after)
  // decided it only if Ladepay's record says it ended on it; otherwise it
  // settled first (on an end signal's grace, say) and heard the stop late.
  const inFlight = stop !== undefined && (stop.answeredAt as number) > decided + slack;
  const byStop =
    stop !== undefined &&
    decided <= (stop.answeredAt as number) + slack &&
    (stop.sentAt <= decided || (endedOnStop && stopFrom - slack <= decided)) &&
    (!inFlight || endedOnStop);
  if (byStop && !press) {
    const end = tx.endWh ?? start;
    return { loWh: end - start, hiWh: end - start, rule: 'ended by the station’s stop: its end register' };
  }
  // Ladepay takes the press when its request arrives, somewhere between the
  // driver's tap and the answer: a reading taken in between may count or not.
  const readings = sentReadings(tx).filter((r) => isTrue(tx, r));
  const surelyBefore = readings.filter((r) => !press || r.at <= press.sentAt);
  const perhapsBefore = readings.filter((r) => !press || r.at <= pressTakenAt(f, press));
  const known = surelyBefore.filter((r) => r.answeredAt !== undefined && r.answeredAt <= decided);
  const maybe = perhapsBefore.filter((r) => r.sentAt <= decided);
  const lo = Math.max(start, ...known.map((r) => r.wh));
  let hi = Math.max(start, ...maybe.map((r) => r.wh));
  if (press) {
    hi = Math.min(Math.max(hi, lo), registerAt(tx, press.answeredAt as number).hi);
    return { loWh: lo - start, hiWh: Math.max(lo, hi) - start, rule: 'the driver’s stop never reached the station: up to the last true reading before the press' };
  }
  return { loWh: lo - start, hiWh: hi - start, rule: 'settled without the station’s stop: the last true reading Ladepay had' };
}
