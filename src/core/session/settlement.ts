import { priceSession } from '../pricing.ts';
import type { Session } from './session.ts';
import { energyUsedWh } from './session.ts';

// The usage a session is billed for: energy from the meter, charging time from
// the transaction start to its end less any idle tail, idle time from when the
// car stopped drawing power to the end.
export function usageAt(s: Session, endIso: string): { energyWh: number; chargingSeconds: number; idleSeconds: number } {
  const start = s.chargingStartedAt ? Date.parse(s.chargingStartedAt) : Date.parse(endIso);
  const end = Math.max(start, Date.parse(endIso));
  const idleFrom = s.idleSince ? Math.min(Math.max(Date.parse(s.idleSince), start), end) : end;
  return {
    energyWh: energyUsedWh(s),
    chargingSeconds: Math.floor((idleFrom - start) / 1000),
    idleSeconds: Math.floor((end - idleFrom) / 1000),
  };
}

// Prices the ended session with its frozen tariff. The capture never exceeds
// the authorization (the cost guard should make that moot; a station that was
// offline and comes back with a huge meter jump must not overcharge).
export function settle(s: Session, endIso: string): Session {
  const usage = usageAt(s, endIso);
  const priced = priceSession(s.tariff, usage);
  if (!priced.ok) {
    // A tariff that was valid at creation cannot fail here; quantities are
    // clamped non-negative integers. Charge nothing rather than guess.
    return { ...s, captureOre: 0, flags: [...s.flags, 'unpriceable'] };
  }
  // No energy delivered: the driver got nothing, so nothing is captured and
  // the whole reservation is released, whatever fixed fees the tariff has.
  if (usage.energyWh === 0) return { ...s, priced: priced.value, captureOre: 0, flags: [...s.flags, 'no_energy'] };
  const total = priced.value.totalOre;
  const capped = total > s.authorizedOre;
  return {
    ...s,
    priced: priced.value,
    captureOre: capped ? s.authorizedOre : total,
    flags: capped ? [...s.flags, 'capped_at_maximum'] : s.flags,
  };
}
