import { DAY_MS } from '../../core/oslo-clock.ts';
import { nextPriceChange, type ScheduledTariff } from '../../core/tariff-schedule.ts';

const LOOK_BACK_MS = 8 * DAY_MS; // a week's periods, and the day either side

/**
 * Since when the price in force at `now` has held (ISO text): the last time
 * the schedule's prices changed at or before `now`, or `since` (when the
 * tariff itself began to apply) if that is later. A week of periods repeats,
 * so the last change is within the eight days before `now`.
 */
export function priceSince(s: ScheduledTariff, now: Date, since: string): string {
  let last: Date | undefined;
  let at = new Date(now.getTime() - LOOK_BACK_MS);
  for (;;) {
    const next = nextPriceChange(s, at);
    if (next === undefined || next.at > now) break;
    last = next.at;
    at = next.at;
  }
  const changed = last?.toISOString();
  return changed !== undefined && changed > since ? changed : since;
}
