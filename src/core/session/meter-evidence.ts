import { judgeReading, METER_BOUND, timestampVerdict, type RejectionReason } from '../meter-plausibility.ts';
import type { MeterRejection, Session } from './session.ts';
import type { SessionEvent } from './session-input.ts';

export const IMPLAUSIBLE_METER = 'implausible_meter';
// The session keeps the latest few for the console; every one is also a history event.
export const KEPT_REJECTIONS = 10;

type MeterPatch = Pick<Session, 'meterStartWh' | 'meterLastWh' | 'meterLastReadAt'>;

export type Weighed =
  | { verdict: 'accepted'; patch: Partial<MeterPatch> }
  | { verdict: 'rejected'; rejection: MeterRejection; patch: Partial<Session> }
  | { verdict: 'repeated' } // the same implausible reading again: already recorded
  | { verdict: 'stale' }; // older than the last sample taken: out of order, dropped

/**
 * Where the session's meter window begins: the station's transaction start,
 * but never before the payment was authorized on Ladepay's clock (less the
 * skew). Nothing can flow for this session earlier, whatever the station says,
 * so a start stamped a year ago cannot buy a year of energy.
 */
export function windowStartMs(s: Session): number {
  const authorized = Date.parse(s.authorizedAt ?? s.createdAt) - METER_BOUND.clockSkewSeconds * 1000;
  const started = s.chargingStartedAt === undefined ? Number.NaN : Date.parse(s.chargingStartedAt);
  return Number.isFinite(started) ? Math.max(started, authorized) : authorized;
}

/**
 * A station's reading (a meter value, or the register at the transaction's
 * end) weighed against the session's last plausible one. Accepted: the patch
 * moves the meter. Rejected: the meter stays where it was and the session is
 * flagged for the operator with the raw reading. A session that has no start
 * register yet takes its first reading as the start (nothing before it is billed).
 * With `dropOlderThan`, a reading stamped before it is stale: dropped, not judged.
 */
export function weighReading(
  s: Session,
  reading: { at: string; registerWh?: number },
  nowIso: string,
  source: MeterRejection['source'],
  dropOlderThan?: string,
): Weighed {
  const atMs = Date.parse(reading.at);
  const nowMs = Date.parse(nowIso);
  const startMs = windowStartMs(s);
  const reject = (reason: RejectionReason, limitWh?: number) => rejected(s, { source, reading, nowIso, reason, limitWh });
  const time = timestampVerdict(atMs, startMs, nowMs);
  if (!time.plausible) return reject(time.reason);
  if (dropOlderThan !== undefined && atMs < Date.parse(dropOlderThan)) return { verdict: 'stale' };
  const registerWh = reading.registerWh;
  if (registerWh === undefined) return { verdict: 'accepted', patch: {} };
  if (s.meterStartWh === undefined) {
    if (!Number.isSafeInteger(registerWh) || registerWh < 0) return reject('not_a_register');
    return { verdict: 'accepted', patch: { meterStartWh: registerWh, meterLastWh: registerWh, meterLastReadAt: reading.at } };
  }
  const lastAtMs = Date.parse(s.meterLastReadAt ?? s.chargingStartedAt ?? reading.at);
  const verdict = judgeReading(
    {
      maxPowerW: s.maxPowerW ?? METER_BOUND.unknownConnectorMaxPowerW,
      start: { registerWh: s.meterStartWh, atMs: startMs },
      last: { registerWh: s.meterLastWh ?? s.meterStartWh, atMs: Number.isFinite(lastAtMs) ? Math.max(lastAtMs, startMs) : startMs },
      nowMs,
    },
    { registerWh, atMs },
  );
  if (!verdict.plausible) return reject(verdict.reason, verdict.limitWh);
  return { verdict: 'accepted', patch: { meterLastWh: registerWh, meterLastReadAt: reading.at } };
}

/**
 * The end of a transaction as the station reports it, weighed the same way: the
 * end register is a reading like any other, and an end time outside the
 * session's window is replaced, so a lying clock cannot stretch the time billed.
 */
export function weighEnd(
  s: Session,
  end: { at: string; meterStopWh?: number },
  nowIso: string,
): { endIso: string; patch: Partial<Session>; events: SessionEvent[] } {
  const time = timestampVerdict(Date.parse(end.at), windowStartMs(s), Date.parse(nowIso));
  const endIso = time.plausible ? end.at : time.reason === 'before_start' ? (s.lastMeterAt ?? s.chargingStartedAt ?? nowIso) : nowIso;
  const weighed = weighReading(s, { at: end.at, registerWh: end.meterStopWh }, nowIso, 'stop');
  if (weighed.verdict === 'accepted') return { endIso, patch: weighed.patch, events: [] };
  if (weighed.verdict !== 'rejected') return { endIso, patch: {}, events: [] };
  return { endIso, patch: weighed.patch, events: [rejectionEvent(weighed.rejection)] };
}

export function rejectionEvent(r: MeterRejection): SessionEvent {
  return { type: IMPLAUSIBLE_METER, data: { ...r } };
}

function rejected(
  s: Session,
  o: { source: MeterRejection['source']; reading: { at: string; registerWh?: number }; nowIso: string; reason: RejectionReason; limitWh?: number },
): Weighed {
  const rejection: MeterRejection = {
    source: o.source,
    stationAt: o.reading.at,
    receivedAt: o.nowIso,
    reason: o.reason,
    ...(o.reading.registerWh !== undefined ? { registerWh: o.reading.registerWh } : {}),
    ...(o.limitWh !== undefined ? { limitWh: o.limitWh } : {}),
  };
  const previous = s.meterRejections?.at(-1);
  // The same reading again, however it came (2.0.1 sends the end register as a
  // meter value of the Ended event, and as the end itself).
  if (
    previous &&
    previous.stationAt === rejection.stationAt &&
    previous.registerWh === rejection.registerWh &&
    previous.reason === rejection.reason
  ) {
    return { verdict: 'repeated' };
  }
  return {
    verdict: 'rejected',
    rejection,
    patch: {
      flags: s.flags.includes(IMPLAUSIBLE_METER) ? s.flags : [...s.flags, IMPLAUSIBLE_METER],
      meterRejections: [...(s.meterRejections ?? []), rejection].slice(-KEPT_REJECTIONS),
      meterRejectedCount: (s.meterRejectedCount ?? 0) + 1,
    },
  };
}
