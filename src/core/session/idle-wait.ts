import { billFor, billOf, type Bill } from '../bill.ts';
import type { Decision, Next } from './decision.ts';
import { priceSession, totalOf } from '../pricing.ts';
import { hasIdleFee } from '../tariff.ts';
import type { SessionCommand, SessionEvent, SessionInput } from './session-input.ts';
import type { Session } from './session.ts';
import { energyUsedWh } from './session.ts';
import { failureCode, usageAt, type Settlement } from './settlement.ts';

// The idle fee after the charge (docs/pricing.md, "The idle fee after the
// charge"). A charge that ends with the car still plugged in is billed in two
// parts: the energy bill is captured at once; the idle fee runs from when the
// car stopped charging until it is unplugged, and is captured then, with the
// rest released. Vipps ePayment allows several partial captures, but a cancel
// releases the whole remainder (https://developer.vippsmobilepay.com/docs/APIs/epayment-api/operations/cancel/),
// so nothing can be released before the idle fee is known: the wait is bounded
// by the moment the fee reaches its cap.

// Only a tariff with an idle fee waits, only for a charge that delivered
// energy (otherwise nothing is charged at all), and only while the car may
// still be there: the station did not end the transaction on the unplug.
export function waitsForUnplug(s: Session, end: Extract<SessionInput, { type: 'transaction_ended' }>): boolean {
  if (!hasIdleFee(s.tariff) || energyUsedWh(s) === 0) return false;
  if (end.reason === 'ev_disconnected') return false;
  // The connector showed no car before the station's stop came.
  return s.endSignal?.signal !== 'connector_available';
}

// Idle time starts when the car stopped drawing power, or at the end of the
// transaction (the driver's stop), as usageAt counts it.
export function idleStart(s: Session, endIso: string): string {
  const start = s.chargingStartedAt ? Date.parse(s.chargingStartedAt) : Date.parse(endIso);
  const end = Math.max(start, Date.parse(endIso));
  const from = s.idleSince ? Math.min(Math.max(Date.parse(s.idleSince), start), end) : end;
  return new Date(from).toISOString();
}

// From here on the fee no longer grows: the grace, then the minutes the cap buys.
export function idleDeadline(s: Session, idleFromIso: string): string {
  const t = s.tariff;
  const minutes = t.idleGraceMinutes + Math.ceil(t.idleCapOre / t.idlePerMinuteOre);
  return new Date(Date.parse(idleFromIso) + minutes * 60_000).toISOString();
}

// The bill captured when the charge ends: every priced line but the idle fee.
export function settleEnergy(s: Session, endIso: string): Settlement {
  const usage = usageAt(s, endIso);
  const priced = priceSession(s.tariff, { ...usage, idleSeconds: 0 });
  if (!priced.ok) return { ok: false, failure: failureCode(priced.error), error: priced.error, usage };
  const lines = priced.value.lines.filter((l) => l.kind !== 'idle');
  return { ok: true, ...billFor(totalOf(lines), { authorizedOre: s.authorizedOre, delivered: usage.energyWh > 0 }) };
}

// The whole bill with the car unplugged at `untilIso` (held between the start
// of the idle time and the wait's end): the energy lines as captured, and the idle line.
export function settleIdle(s: Session, untilIso: string): Settlement {
  const until = idleEnd(s, untilIso);
  const usage = usageAt({ ...s, idleSince: s.idleFrom ?? until }, until);
  const priced = priceSession(s.tariff, usage);
  if (!priced.ok) return { ok: false, failure: failureCode(priced.error), error: priced.error, usage };
  return { ok: true, ...billFor(priced.value, { authorizedOre: s.authorizedOre, delivered: usage.energyWh > 0 }) };
}

// When the car left as far as the bill is concerned: never before the idle
// time began, never after the fee reached its cap.
export function idleEnd(s: Session, unpluggedIso: string): string {
  const from = Date.parse(s.idleFrom ?? unpluggedIso);
  const last = s.idleUntil ? Math.min(Date.parse(unpluggedIso), Date.parse(s.idleUntil)) : Date.parse(unpluggedIso);
  return new Date(Math.max(from, last)).toISOString();
}

// The charge ended with the car still plugged in, on a tariff with an idle
// fee: the energy bill is captured now, the rest stays reserved while the
// idle fee runs (docs/pricing.md, "The idle fee after the charge").
// Undefined when there is nothing to wait for: the price cannot be made (the
// usual settlement sends it to review), or the fee reached its cap already.
export function startIdle(s: Session, endIso: string, event: SessionEvent, more: SessionEvent[], next: Next): Decision | undefined {
  const energy = settleEnergy(s, endIso);
  if (!energy.ok) return undefined;
  const idleFrom = idleStart(s, endIso);
  const idleUntil = idleDeadline(s, idleFrom);
  if (Date.parse(idleUntil) <= Date.parse(endIso)) return undefined;
  const { updatedAt: _u, ...base } = s;
  const amount = energy.bill.totalOre;
  const commands: SessionCommand[] = amount > 0 ? [{ type: 'capture', amountOre: amount }] : [];
  return next({ ...base, state: 'idling', energyBill: energy.bill, idleFrom, idleUntil, flags: [...s.flags, ...energy.flags] }, commands, [
    event,
    ...more,
    { type: 'idle_fee_running', data: { energyOre: amount, idleFrom, idleUntil } },
  ]);
}

// The car has left (or the fee reached its cap): the final bill is made, its
// idle part captured with its own key, and the rest released once every
// capture is answered.
export function finishIdle(s: Session, unpluggedIso: string, flags: string[], next: Next): Decision {
  const unpluggedAt = idleEnd(s, unpluggedIso);
  const final = settleIdle(s, unpluggedAt);
  // The energy bill is already captured: a final price that cannot be made
  // (it could be made at the end of the charge) charges no idle fee.
  const energyOre = s.energyBill?.totalOre ?? 0;
  const priced = final.ok && final.bill.totalOre >= energyOre ? final.bill : (s.energyBill ?? billOf([]));
  const newFlags = [...(final.ok ? final.flags : ['idle_fee_not_priced']), ...flags].filter((f) => !s.flags.includes(f));
  const idleOre = idlePartOre(s.energyBill, priced);
  const event: SessionEvent = { type: 'car_unplugged', data: { unpluggedAt, idleOre, totalOre: priced.totalOre } };
  const patch: Partial<Session> = { state: 'settling', priced, unpluggedAt, flags: [...s.flags, ...newFlags] };
  if (idleOre > 0) return next(patch, [{ type: 'capture_idle', amountOre: idleOre }], [event]);
  // Nothing more to capture: the rest is released once the energy capture is in.
  if (s.capturedOre < priced.totalOre) return next(patch, [], [event]);
  if (s.authorizedOre - s.capturedOre > 0) return next(patch, [{ type: 'cancel' }], [event]);
  return next({ ...patch, state: 'settled', receipt: 'pending' }, [{ type: 'send_receipt' }], [event]);
}

// The idle part of a final bill: what the second capture takes.
export function idlePartOre(energyBill: Bill | undefined, finalBill: Bill): number {
  return Math.max(0, finalBill.totalOre - (energyBill?.totalOre ?? 0));
}
