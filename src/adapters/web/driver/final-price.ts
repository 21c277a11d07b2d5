import type { PricedLineView, SessionView } from '../../../usecases/ports/driver-views.ts';
import { formatKwh, formatNok, formatPercentBasisPoints, formatPricePerKwh } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatElapsed } from './format-time.ts';
import type { Messages } from './i18n/messages.ts';
import { vatByRate } from './receipt-content.ts';

type Final = NonNullable<SessionView['final']>;

function lineText(t: Messages, line: PricedLineView): string {
  switch (line.kind) {
    case 'energy':
      return t.lineEnergy(formatKwh(line.quantity), formatPricePerKwh(line.unitPriceOre));
    case 'start_fee':
      return t.lineStartFee;
    case 'time':
      return t.lineTime(formatElapsed(line.quantity, t.hourUnit), formatNok(line.unitPriceOre));
    case 'idle':
      return t.lineIdle(line.quantity, formatNok(line.unitPriceOre));
    case 'limited_to_maximum':
      return t.lineLimitedToMaximum;
    case 'no_energy':
      return t.lineNoEnergy;
    case 'set_by_operator':
      return t.lineSetByOperator;
    default: {
      const never: never = line.kind;
      return String(never);
    }
  }
}

export function finalPrice(t: Messages, view: SessionView, final: Final): SafeHtml {
  const row = (label: string, ore: number, cls = '') => html`<tr${cls ? html` class="${cls}"` : ''}><th scope="row">${label}</th><td>${formatNok(ore)}</td></tr>`;
  return html`<section class="card" aria-labelledby="final-heading">
<h2 id="final-heading">${t.finalHeading}</h2>
<table class="lines">
<tbody>
${final.lines.map((line) => row(lineText(t, line), line.amountOre))}
</tbody>
<tfoot>
${row(t.netLabel, final.netOre)}
${vatByRate(final, view.tariff.vatRateBasisPoints).map((v) => row(t.vatLabel(formatPercentBasisPoints(v.rate)), v.vatOre))}
${row(t.totalLabel, final.totalOre, 'total')}
</tfoot>
</table>
<dl class="settled">
<div><dt>${t.capturedLabel}</dt><dd>${formatNok(final.capturedOre)}</dd></div>
<div><dt>${t.releasedLabel}</dt><dd>${formatNok(final.releasedOre)}</dd></div>
${final.refundedOre > 0 && html`<div><dt>${t.refundedLabel}</dt><dd>${formatNok(final.refundedOre)}</dd></div>`}
</dl>
</section>`;
}
