import type { Session, StopPerhapsReached } from './session.ts';
import type { SessionEvent, SessionInput } from './session-input.ts';

// A driver's stop whose delivery Ladepay could not confirm: its answer was
// lost, or Ladepay restarted between sending it and hearing the answer, and
// the station reconnected. Ladepay then bills to the press (the stop may not
// have reached the station). The station's own end of the transaction can
// still show that it did: ended by a remote stop, stamped soon after the
// press and before the station went away. Then the energy up to that end was
// drawn before the stop took effect, and is billed like any stop's.

// How long after the stop went out a station acting on it stamps its end: the
// stop's way out and the station's reaction, with the clock skew a station's
// readings are allowed (docs/meter-plausibility.md). The stop goes out at
// the press, or later when its outbox item waited (Ladepay busy, or killed
// and restarted): the last send Ladepay recorded before giving up on it.
export const STOP_REACH_SECONDS = 60;

export function stopPerhapsReached(s: Session, by: string): StopPerhapsReached | undefined {
  if (!s.stopRequestedAt) return undefined;
  const sent = Math.max(Date.parse(s.stopRequestedAt), s.lastStopSentAt ? Date.parse(s.lastStopSentAt) : 0);
  const latest = sent + STOP_REACH_SECONDS * 1000;
  const until = new Date(Math.min(Date.parse(by), latest)).toISOString();
  return { ...(s.meterCapWh !== undefined ? { capBeforeWh: s.meterCapWh } : {}), until };
}

// The station's end shows the stop reached it: the press's cap is lifted.
export function stopReachedAfterAll(
  s: Session,
  end: Extract<SessionInput, { type: 'transaction_ended' }>,
): { patch: Partial<Session>; events: SessionEvent[] } | undefined {
  const perhaps = s.stopPerhapsReached;
  if (!perhaps || !s.stopRequestedAt || end.reason !== 'remote') return undefined;
  const stamped = Date.parse(end.at);
  const earliest = Date.parse(s.stopRequestedAt) - STOP_REACH_SECONDS * 1000;
  if (!(stamped >= earliest && stamped <= Date.parse(perhaps.until))) return undefined;
  return {
    patch: {
      meterCapWh: perhaps.capBeforeWh,
      stopUndelivered: undefined,
      stopPerhapsReached: undefined,
      flags: s.flags.filter((f) => f !== 'stop_not_delivered'),
    },
    events: [{ type: 'stop_reached_station', data: { endedAt: end.at } }],
  };
}
