import type { IssuedReceipt } from '../../../usecases/ports/receipt-numbers.ts';
import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from './page-context.ts';
import { receiptContent, type ReceiptRow } from './receipt-content.ts';

type Final = NonNullable<SessionView['final']>;

export function receiptPdfPath(token: string): string {
  return `/s/${token}/receipt.pdf`;
}

function rows(list: readonly ReceiptRow[]): SafeHtml[] {
  return list.map((r) =>
    // A code is kept whole, on a line of its own when it does not fit beside its label.
    r.code ? html`<div class="wrap"><dt>${r.label}</dt><dd class="reference">${r.value}</dd></div>` : html`<div><dt>${r.label}</dt><dd>${r.value}</dd></div>`,
  );
}

// The whole receipt of a settled session, every fact once: it takes the
// place of the final price and the station card on the finished page. The
// support contact is in the page's footer; the PDF carries it itself.
export function receiptSection(ctx: PageContext, view: SessionView, final: Final, issued: IssuedReceipt): SafeHtml {
  const { t } = ctx;
  const c = receiptContent(t, ctx.language, { view, final, issued, support: ctx.support });
  const inApp = t.receiptInApp[view.receipt];
  const totals = c.totals.map((r, i) => html`<tr${i === c.totals.length - 1 ? html` class="total"` : ''}><th scope="row">${r.label}</th><td>${r.value}</td></tr>`);
  return html`<section class="card receipt" aria-labelledby="receipt-heading">
<h2 id="receipt-heading">${t.receiptHeading}</h2>
<dl>
${rows([...c.heading, ...c.seller])}
</dl>
<h3>${t.chargingHeading}</h3>
<dl>
${rows(c.charging)}
</dl>
<table class="lines">
<thead><tr><th scope="col">${t.descriptionLabel}</th><th scope="col">${t.amountLabel}</th></tr></thead>
<tbody>
${c.lines.map((l) => html`<tr><th scope="row">${l.name}<span class="line-detail">${t.lineDetail(l.quantity, l.unitPrice, l.vatRate)}</span></th><td>${l.amount}</td></tr>`)}
</tbody>
<tfoot>
${totals}
</tfoot>
</table>
<h3>${t.paymentHeading}</h3>
<dl>
${rows(c.payment)}
</dl>
${inApp && html`<p class="note">${inApp}</p>`}
<p><a class="button secondary" href="${receiptPdfPath(view.token)}?lang=${ctx.language}" download="${t.receiptFileName(issued.number)}.pdf">${t.receiptPdfLink}</a></p>
</section>`;
}
