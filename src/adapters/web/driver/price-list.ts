import { osloWallClock } from '../../../core/oslo-clock.ts';
import type { PriceScheduleView, TariffView } from '../../../usecases/ports/driver-views.ts';
import { formatNok, formatPercentBasisPoints, formatPricePerKwh } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { weekdayRuns } from '../weekdays.ts';
import { formatClock } from './format-time.ts';
import type { Messages } from './i18n/messages.ts';

// EU AFIR art. 5: the full price, every component, before the driver pays.
// Components that are zero are shown as "None" rather than left out, so the
// driver can see there is no hidden fee. A tariff with periods shows the price
// now, when it changes next, and the whole week's prices.
export function priceList(t: Messages, tariff: TariffView, schedule?: PriceScheduleView): SafeHtml {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const idle = tariff.idlePerMinuteOre > 0;
  return html`<section class="card price" aria-labelledby="price-heading">
<h2 id="price-heading">${schedule ? t.priceNowHeading : t.priceHeading}</h2>
<dl class="prices compact">
${row(t.priceEnergy, formatPricePerKwh(tariff.perKwhOre))}
${row(t.priceStartFee, tariff.startFeeOre > 0 ? formatNok(tariff.startFeeOre) : t.priceNone)}
${row(t.priceTime, tariff.perHourOre > 0 ? t.perHour(formatNok(tariff.perHourOre)) : t.priceNone)}
${row(t.priceIdle, idle ? t.perMinute(formatNok(tariff.idlePerMinuteOre)) : t.priceNone)}
</dl>
${schedule?.nextChange && html`<p id="next-price" class="next-price"><strong>${t.nextPriceChange(whenText(t, schedule.nextChange), components(t, schedule.nextChange.tariff))}</strong></p>`}
${schedule && weekSchedule(t, schedule)}
<p class="note">${t.vatIncluded(formatPercentBasisPoints(tariff.vatRateBasisPoints))}</p>
</section>`;
}

// "17:00" today, "lørdag 00:00" / "Saturday 00:00" on another day.
function whenText(t: Messages, next: NonNullable<PriceScheduleView['nextChange']>): string {
  const clock = formatClock(next.at);
  return next.sameDay ? clock : `${t.weekdayNames[osloWallClock(new Date(next.at)).weekday - 1] ?? ''} ${clock}`;
}

// Every component that costs something: "5,90 kr/kWh, startavgift 10,00 kr".
function components(t: Messages, p: TariffView): string {
  const label = (s: string) => s.toLowerCase();
  const parts = [formatPricePerKwh(p.perKwhOre)];
  if (p.startFeeOre > 0) parts.push(`${label(t.priceStartFee)} ${formatNok(p.startFeeOre)}`);
  if (p.perHourOre > 0) parts.push(`${label(t.priceTime)} ${t.perHour(formatNok(p.perHourOre))}`);
  if (p.idlePerMinuteOre > 0) parts.push(`${label(t.priceIdle)} ${t.perMinute(formatNok(p.idlePerMinuteOre))}`);
  return parts.join(', ');
}

function weekSchedule(t: Messages, s: PriceScheduleView): SafeHtml {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<h3 id="schedule-heading">${t.scheduleHeading}</h3>
<dl class="prices compact schedule" aria-labelledby="schedule-heading">
${s.periods.map((p) => row(`${weekdayRuns(p.days, t.weekdayShort)} ${p.from}\u2013${p.to}`, components(t, p.tariff)))}
${row(t.scheduleOtherTimes, components(t, s.base))}
</dl>
<p class="note">${t.priceAtStartHolds}</p>`;
}

// When the idle fee applies and its cap: under the pay button.
export function idleFeeNote(t: Messages, tariff: TariffView): SafeHtml {
  return html`${tariff.idlePerMinuteOre > 0 && html`<p id="idle-fee">${t.idleFeeNote(tariff.idleGraceMinutes, formatNok(tariff.idleCapOre))}</p>`}`;
}
