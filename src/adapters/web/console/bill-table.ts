import type { Bill, BillLineKind } from '../../../core/bill.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';
import { kwhDecimal, percentDecimal } from './kroner.ts';

function quantity(kind: BillLineKind, q: number): string {
  if (kind === 'energy') return `${kwhDecimal(q)} kWh`;
  if (kind === 'time') return `${Math.floor(q / 60)} min`;
  if (kind === 'idle') return `${q} min`;
  return '1';
}

// The session's stored bill, line by line, as it was made at settlement: the
// same lines the driver's page, the CSV, the API and the Vipps receipt show.
export function billTable(bill: Bill, t: Messages): SafeHtml {
  const m = t.session;
  return html`<table><thead><tr><th scope="col">${m.line}</th><th scope="col" class="num">${m.quantity}</th><th scope="col" class="num">${m.unitPrice}</th><th scope="col" class="num">${t.common.amount}</th><th scope="col" class="num">${t.common.vat}</th><th scope="col" class="num">${m.net}</th></tr></thead><tbody>
${bill.lines.map(
  (l) => html`<tr data-line="${l.kind}"><td>${m.lineNames[l.kind]}</td><td class="num">${quantity(l.kind, l.quantity)}</td><td class="num">${formatNok(l.unitPriceOre)}</td>
<td class="num">${formatNok(l.amountOre)}</td><td class="num">${formatNok(l.vatOre)} <span class="muted">(${percentDecimal(l.vatRateBasisPoints)} %)</span></td><td class="num">${formatNok(l.netOre)}</td></tr>`,
)}
<tr data-line="total"><th scope="row">${t.common.total}</th><td></td><td></td><td class="num"><strong>${formatNok(bill.totalOre)}</strong></td><td class="num">${formatNok(bill.vatOre)}</td><td class="num">${formatNok(bill.netOre)}</td></tr>
</tbody></table>`;
}
