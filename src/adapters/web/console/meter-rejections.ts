import type { Session } from '../../../core/session/session.ts';
import { html, type SafeHtml } from '../html.ts';
import { kwhDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';

const REASONS: Record<NonNullable<Session['meterRejections']>[number]['reason'], string> = {
  too_much_energy: 'more energy than the connector can deliver in the time',
  backwards: 'the register went backwards',
  in_the_future: 'stamped ahead of Ladepay’s clock',
  before_start: 'stamped before the transaction began',
  bad_timestamp: 'no readable timestamp',
  not_a_register: 'not a register value',
};

// Readings the physics check refused (docs/meter-plausibility.md): none of
// them was billed. The raw frame is in the timeline below, at the time Ladepay
// received it.
export function meterRejectionsSection(s: Session): SafeHtml | undefined {
  const rejected = s.meterRejections ?? [];
  if (rejected.length === 0) return undefined;
  const count = s.meterRejectedCount ?? rejected.length;
  return html`<section class="card" aria-labelledby="implausible"><h2 id="implausible">Meter readings not billed</h2>
<p>${count} implausible reading${count === 1 ? '' : 's'}; the session is priced on the last plausible register, ${kwhDecimal(s.meterLastWh ?? 0)} kWh.${
    count > rejected.length ? ` The latest ${rejected.length} are shown.` : ''
  } The raw OCPP frames are in the timeline at the time received.</p>
<table><thead><tr><th scope="col">Received</th><th scope="col">Station time</th><th scope="col">From</th><th scope="col" class="num">Register (kWh)</th><th scope="col" class="num">At most (kWh)</th><th scope="col">Why</th></tr></thead><tbody>
${rejected.map(
  (r) => html`<tr data-reason="${r.reason}"><td><time datetime="${r.receivedAt}">${formatOslo(r.receivedAt)}</time></td><td><time datetime="${r.stationAt}">${formatOslo(r.stationAt)}</time></td><td>${r.source === 'stop' ? 'transaction end' : 'meter value'}</td>
<td class="num">${r.registerWh === undefined ? '–' : kwhDecimal(r.registerWh)}</td><td class="num">${r.limitWh === undefined ? '–' : kwhDecimal(r.limitWh)}</td><td>${REASONS[r.reason]}</td></tr>`,
)}</tbody></table></section>`;
}
