import { osloWallClock } from '../core/oslo-clock.ts';
import { nextPriceChange, type ScheduledTariff } from '../core/tariff-schedule.ts';
import type { PriceScheduleView } from './ports/driver-views.ts';
import { tariffView } from './session-view.ts';

// A tariff's schedule as the landing page shows it before payment (EU AFIR
// art. 5: every price component): the base, each period with its prices, and
// when the price changes next.
export function scheduleView(s: ScheduledTariff, now: Date): PriceScheduleView {
  const next = nextPriceChange(s, now);
  return {
    base: tariffView(s.base),
    periods: s.periods.map((p) => ({ days: [...p.days], from: p.from, to: p.to, tariff: tariffView({ ...s.base, ...p.prices }) })),
    ...(next
      ? { nextChange: { at: next.at.toISOString(), sameDay: osloWallClock(next.at).dateMs === osloWallClock(now).dateMs, tariff: tariffView(next.tariff) } }
      : {}),
  };
}
