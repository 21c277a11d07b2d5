import { billFor, type Bill } from '../bill.ts';
import { priceSession, type PricedSession } from '../pricing.ts';
import { hasIdleFee } from '../tariff.ts';
import type { SessionInput } from './session-input.ts';
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
  return { ok: true, ...billFor(pricedOf(lines), { authorizedOre: s.authorizedOre, delivered: usage.energyWh > 0 }) };
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

// The idle part of a final bill: what the second capture takes.
export function idlePartOre(energyBill: Bill | undefined, finalBill: Bill): number {
  return Math.max(0, finalBill.totalOre - (energyBill?.totalOre ?? 0));
}

function pricedOf(lines: PricedSession['lines']): PricedSession {
  let totalOre = 0;
  let vatOre = 0;
  for (const l of lines) {
    totalOre += l.amountOre;
    vatOre += l.vatOre;
  }
  return { lines, totalOre, vatOre, netOre: totalOre - vatOre };
}
