import { billFor, type Bill } from '../bill.ts';
import { priceSession, type PricingError, type Usage } from '../pricing.ts';
import type { Session } from './session.ts';
import { energyUsedWh } from './session.ts';

// The usage a session is billed for: energy from the meter, charging time from
// the transaction start to its end less any idle tail, idle time from when the
// car stopped drawing power to the end.
export function usageAt(s: Session, endIso: string): Usage {
  const start = s.chargingStartedAt ? Date.parse(s.chargingStartedAt) : Date.parse(endIso);
  const end = Math.max(start, Date.parse(endIso));
  const idleFrom = s.idleSince ? Math.min(Math.max(Date.parse(s.idleSince), start), end) : end;
  return {
    energyWh: energyUsedWh(s),
    chargingSeconds: Math.floor((idleFrom - start) / 1000),
    idleSeconds: Math.floor((end - idleFrom) / 1000),
  };
}

// Settling either prices the session, or says why it could not: there is no
// third outcome, and a failure is never turned into an amount here. The
// caller holds the reservation for an operator to decide (needs_review).
export type Settlement =
  | { readonly ok: true; readonly bill: Bill; readonly flags: readonly string[] }
  | { readonly ok: false; readonly failure: string; readonly error: PricingError; readonly usage: Usage };

// Prices the ended session with its frozen tariff. The bill never exceeds the
// authorization (the cost guard should make that moot; a station that was
// offline and comes back with a big meter step must not overcharge), and with
// no energy delivered it is 0: the driver got nothing.
export function settle(s: Session, endIso: string): Settlement {
  const usage = usageAt(s, endIso);
  const priced = priceSession(s.tariff, usage);
  if (!priced.ok) return { ok: false, failure: failureCode(priced.error), error: priced.error, usage };
  return { ok: true, ...billFor(priced.value, { authorizedOre: s.authorizedOre, delivered: usage.energyWh > 0 }) };
}

// A stable code for the operator: what could not be priced, and why.
export function failureCode(e: PricingError): string {
  if (e.code === 'invalid_usage') return `invalid_usage:${e.field}:${e.reason}`;
  return `invalid_tariff:${e.errors.map((x) => `${x.field ?? 'tariff'}:${x.code}`).join(',')}`;
}
