import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { formatKwh, formatNok, formatPercentBasisPoints } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatOrgNumber } from '../org-number.ts';
import { formatDateTime } from './format-time.ts';
import type { Language } from './i18n/language.ts';
import type { Messages } from './i18n/messages.ts';

// What a Norwegian sales document needs (bokføringsforskriften § 5-1-1 ff.):
// seller and organisation number, date, document number, what was sold and
// how much, the price, and the VAT in it.
export function receiptSection(t: Messages, language: Language, view: SessionView, final: NonNullable<SessionView['final']>): SafeHtml {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const rate = final.lines[0]?.vatRateBasisPoints ?? view.tariff.vatRateBasisPoints;
  const inApp = t.receiptInApp[view.receipt];
  return html`<section class="card receipt" aria-labelledby="receipt-heading">
<h2 id="receipt-heading">${t.receiptHeading}</h2>
<dl>
${row(t.sellerLabel, view.seller.name)}
${row(t.orgNumberLabel, formatOrgNumber(view.seller.orgNumber))}
${row(t.dateLabel, formatDateTime(view.endedAt ?? view.createdAt, language))}
<div class="wrap"><dt>${t.referenceLabel}</dt><dd class="reference">${view.reference}</dd></div>
${row(t.itemLabel, t.item(view.stationName, view.connectorNo, formatKwh(view.energyWh)))}
${row(t.totalLabel, formatNok(final.totalOre))}
${row(t.vatLabel(formatPercentBasisPoints(rate)), formatNok(final.vatOre))}
</dl>
${inApp && html`<p class="note">${inApp}</p>`}
</section>`;
}
