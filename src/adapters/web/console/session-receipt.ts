import { receiptLineName, receiptQuantity } from '../../../core/receipt-lines.ts';
import type { Session } from '../../../core/session/session.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatOrgNumber } from '../org-number.ts';
import type { Seller } from './console-route-deps.ts';
import { percentDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';

// What a Norwegian sales document must show
// (bokføringsforskriften § 5-1-1 ff.): the seller's name and organisation
// number, the date, what was sold and its price, and the VAT. The lines are the
// stored bill's, named as they were sent to Vipps (a line that takes something
// off goes there as a return), so they add up to the amount captured.
export function receiptSection(s: Session, seller: Seller, stationName: string): SafeHtml {
  const bill = s.priced;
  if (!bill || s.state !== 'settled') {
    return html`<section class="card" aria-labelledby="receipt"><h2 id="receipt">Receipt</h2><p class="muted">Made when the session is settled.</p></section>`;
  }
  const rates = [...new Set(bill.lines.map((l) => l.vatRateBasisPoints))];
  return html`<section class="card" aria-labelledby="receipt"><h2 id="receipt">Receipt</h2>
<dl class="facts">
<dt>Seller</dt><dd>${seller.name}</dd>
<dt>Organisation number</dt><dd>${formatOrgNumber(seller.orgNumber)}</dd>
<dt>Date</dt><dd>${formatOslo(s.endedAt ?? s.updatedAt)}</dd>
<dt>Receipt number</dt><dd class="mono">${s.reference}</dd>
<dt>Paid with</dt><dd>${s.paymentMethod === 'CARD' ? 'Card, through Vipps' : 'Vipps'}</dd>
<dt>In the Vipps app</dt><dd>${s.receipt}</dd>
</dl>
<table><thead><tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Amount</th><th scope="col" class="num">VAT</th></tr></thead><tbody>
${bill.lines.map((l) => {
  const { quantity, unit } = receiptQuantity(l);
  return html`<tr><td>${receiptLineName(l, stationName)}</td>
<td class="num">${`${quantity.replace('.', ',')} ${unit === 'KWH' ? 'kWh' : unit.toLowerCase()}`}</td>
<td class="num">${formatNok(l.amountOre)}</td><td class="num">${formatNok(l.vatOre)}</td></tr>`;
})}
<tr><th scope="row">Total</th><td></td><td class="num"><strong>${formatNok(bill.totalOre)}</strong></td><td class="num">${formatNok(bill.vatOre)}</td></tr>
</tbody></table>
<p>Of which VAT ${rates.map((r) => `${percentDecimal(r)} %`).join(', ')}: ${formatNok(bill.vatOre)}; net ${formatNok(bill.netOre)}.${
    s.refundedOre > 0 ? html` Refunded since: ${formatNok(s.refundedOre)}.` : ''
  }</p></section>`;
}
