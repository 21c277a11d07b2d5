import type { Bill, BillLineKind } from '../../../core/bill.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { kwhDecimal, percentDecimal } from './kroner.ts';

const LINE_NAMES: Record<BillLineKind, string> = {
  energy: 'Energy',
  start_fee: 'Start fee',
  time: 'Charging time',
  idle: 'Idle fee',
  limited_to_maximum: 'Limited to the driver’s maximum',
  no_energy: 'No energy delivered: not charged',
  set_by_operator: 'Set by an operator after review',
};

function quantity(kind: BillLineKind, q: number): string {
  if (kind === 'energy') return `${kwhDecimal(q)} kWh`;
  if (kind === 'time') return `${Math.floor(q / 60)} min`;
  if (kind === 'idle') return `${q} min`;
  return '1';
}

// The session's stored bill, line by line, as it was made at settlement: the
// same lines the driver's page, the CSV, the API and the Vipps receipt show.
export function billTable(bill: Bill): SafeHtml {
  return html`<table><thead><tr><th scope="col">Line</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th><th scope="col" class="num">VAT</th><th scope="col" class="num">Net</th></tr></thead><tbody>
${bill.lines.map(
  (l) => html`<tr data-line="${l.kind}"><td>${LINE_NAMES[l.kind]}</td><td class="num">${quantity(l.kind, l.quantity)}</td><td class="num">${formatNok(l.unitPriceOre)}</td>
<td class="num">${formatNok(l.amountOre)}</td><td class="num">${formatNok(l.vatOre)} <span class="muted">(${percentDecimal(l.vatRateBasisPoints)} %)</span></td><td class="num">${formatNok(l.netOre)}</td></tr>`,
)}
<tr data-line="total"><th scope="row">Total</th><td></td><td></td><td class="num"><strong>${formatNok(bill.totalOre)}</strong></td><td class="num">${formatNok(bill.vatOre)}</td><td class="num">${formatNok(bill.netOre)}</td></tr>
</tbody></table>`;
}
