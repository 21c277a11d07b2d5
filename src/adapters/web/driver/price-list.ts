import type { TariffView } from '../../../usecases/ports/driver-views.ts';
import { formatNok, formatPercentBasisPoints, formatPricePerKwh } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';

// EU AFIR art. 5: the full price, every component, before the driver pays.
// Components that are zero are shown as "None" rather than left out, so the
// driver can see there is no hidden fee.
export function priceList(t: Messages, tariff: TariffView): SafeHtml {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const idle = tariff.idlePerMinuteOre > 0;
  return html`<section class="card price" aria-labelledby="price-heading">
<h2 id="price-heading">${t.priceHeading}</h2>
<dl class="prices compact">
${row(t.priceEnergy, formatPricePerKwh(tariff.perKwhOre))}
${row(t.priceStartFee, tariff.startFeeOre > 0 ? formatNok(tariff.startFeeOre) : t.priceNone)}
${row(t.priceTime, tariff.perHourOre > 0 ? t.perHour(formatNok(tariff.perHourOre)) : t.priceNone)}
${row(t.priceIdle, idle ? t.perMinute(formatNok(tariff.idlePerMinuteOre)) : t.priceNone)}
</dl>
<p class="note">${t.vatIncluded(formatPercentBasisPoints(tariff.vatRateBasisPoints))}</p>
</section>`;
}

// When the idle fee applies and its cap: under the pay button.
export function idleFeeNote(t: Messages, tariff: TariffView): SafeHtml {
  return html`${tariff.idlePerMinuteOre > 0 && html`<p id="idle-fee">${t.idleFeeNote(tariff.idleGraceMinutes, formatNok(tariff.idleCapOre))}</p>`}`;
}
