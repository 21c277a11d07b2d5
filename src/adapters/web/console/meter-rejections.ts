import type { Session } from '../../../core/session/session.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';
import { kwhDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';

// Readings the physics check refused (docs/meter-plausibility.md): none of
// them was billed. The raw frame is in the timeline below, at the time Ladepay
// received it.
export function meterRejectionsSection(s: Session, t: Messages): SafeHtml | undefined {
  const m = t.session;
  const rejected = s.meterRejections ?? [];
  if (rejected.length === 0) return undefined;
  const count = s.meterRejectedCount ?? rejected.length;
  return html`<section class="card" aria-labelledby="implausible"><h2 id="implausible">${m.meterNotBilled}</h2>
<p>${m.implausible(count, kwhDecimal(s.meterLastWh ?? 0), count > rejected.length ? rejected.length : undefined)}</p>
<table><thead><tr><th scope="col">${m.received}</th><th scope="col">${m.stationTime}</th><th scope="col">${m.source}</th><th scope="col" class="num">${m.register}</th><th scope="col" class="num">${m.atMostKwh}</th><th scope="col">${m.why}</th></tr></thead><tbody>
${rejected.map(
  (r) => html`<tr data-reason="${r.reason}"><td><time datetime="${r.receivedAt}">${formatOslo(r.receivedAt)}</time></td><td><time datetime="${r.stationAt}">${formatOslo(r.stationAt)}</time></td><td>${r.source === 'stop' ? m.fromStop : m.fromMeter}</td>
<td class="num">${r.registerWh === undefined ? '–' : kwhDecimal(r.registerWh)}</td><td class="num">${r.limitWh === undefined ? '–' : kwhDecimal(r.limitWh)}</td><td>${m.meterReasons[r.reason]}</td></tr>`,
)}</tbody></table></section>`;
}
