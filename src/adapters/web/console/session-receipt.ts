import { receiptLineName, receiptQuantity } from '../../../core/receipt-lines.ts';
import type { Session } from '../../../core/session/session.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatOrgNumber } from '../org-number.ts';
import type { Seller } from './console-route-deps.ts';
import type { Messages } from './i18n/messages.ts';
import { percentDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';

// What a Norwegian sales document must show
// (bokføringsforskriften § 5-1-1 ff.): the seller's name and organisation
// number, the date, what was sold and its price, and the VAT. The lines are the
// stored bill's, named as they were sent to Vipps (a line that takes something
// off goes there as a return), so they add up to the amount captured.
export function receiptSection(s: Session, seller: Seller, stationName: string, t: Messages): SafeHtml {
  const bill = s.priced;
  const m = t.session;
  if (!bill || s.state !== 'settled') {
    return html`<section class="card" aria-labelledby="receipt"><h2 id="receipt">${m.receipt}</h2><p class="muted">${m.receiptLater}</p></section>`;
  }
  const rates = [...new Set(bill.lines.map((l) => l.vatRateBasisPoints))];
  return html`<section class="card" aria-labelledby="receipt"><h2 id="receipt">${m.receipt}</h2>
<dl class="facts">
<dt>${m.seller}</dt><dd>${seller.name}</dd>
<dt>${m.orgNumber}</dt><dd>${formatOrgNumber(seller.orgNumber)}</dd>
<dt>${m.date}</dt><dd>${formatOslo(s.endedAt ?? s.updatedAt)}</dd>
<dt>${m.receiptNumber}</dt><dd class="mono">${s.reference}</dd>
<dt>${m.paidWith}</dt><dd>${s.paymentMethod === 'CARD' ? m.paidCard : 'Vipps'}</dd>
<dt>${m.inVippsApp}</dt><dd>${s.receipt}</dd>
</dl>
<table><thead><tr><th scope="col">${m.item}</th><th scope="col" class="num">${m.quantity}</th><th scope="col" class="num">${t.common.amount}</th><th scope="col" class="num">${t.common.vat}</th></tr></thead><tbody>
${bill.lines.map((l) => {
  const { quantity, unit } = receiptQuantity(l);
  return html`<tr><td>${receiptLineName(l, stationName)}</td>
<td class="num">${`${quantity.replace('.', ',')} ${unit === 'KWH' ? 'kWh' : unit.toLowerCase()}`}</td>
<td class="num">${formatNok(l.amountOre)}</td><td class="num">${formatNok(l.vatOre)}</td></tr>`;
})}
<tr><th scope="row">${t.common.total}</th><td></td><td class="num"><strong>${formatNok(bill.totalOre)}</strong></td><td class="num">${formatNok(bill.vatOre)}</td></tr>
</tbody></table>
<p>${m.ofWhichVat(rates.map((r) => `${percentDecimal(r)} %`).join(', '), formatNok(bill.vatOre), formatNok(bill.netOre))}${s.refundedOre > 0 ? m.refundedSince(formatNok(s.refundedOre)) : ''}</p></section>`;
}
