import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatElapsed, secondsBetween } from './format-time.ts';
import type { Messages } from './i18n/messages.ts';
import { liveFigures } from './live-figures.ts';
import { isEnded, showsMeter } from './session-phase.ts';

// The live numbers. Every element driver.js updates has an id here.
export function sessionMeter(t: Messages, view: SessionView, nowIso: string): SafeHtml {
  const elapsed = view.chargingStartedAt ? formatElapsed(secondsBetween(view.chargingStartedAt, view.endedAt ?? nowIso), t.hourUnit) : '';
  const shown = liveFigures(view);
  const hidden = (show: boolean) => (show ? '' : html` hidden`);
  return html`<div id="meter" class="meter"${hidden(showsMeter(view))}>
<dl class="figures">
<div><dt>${t.energyLabel}</dt><dd id="energy">${shown.energy}</dd></div>
<div id="power-row"${hidden(view.phase === 'charging' && view.powerW !== undefined)}><dt>${t.powerLabel}</dt><dd id="power">${shown.power}</dd></div>
<div id="elapsed-row"${hidden(view.chargingStartedAt !== undefined)}><dt>${t.elapsedLabel}</dt><dd id="elapsed">${elapsed}</dd></div>
<div id="soc-row"${hidden(view.socPercent !== undefined)}><dt>${t.batteryLabel}</dt><dd id="soc">${view.socPercent ?? 0}\u00a0%</dd></div>
</dl>
<div class="cost"${hidden(!isEnded(view.phase) || view.phase === 'idle_fee')}>
<p class="cost-label" id="cost-label">${t.costLabel}</p>
<progress id="cost-bar" max="${view.maxAmountOre}" value="${Math.min(view.runningCostOre, view.maxAmountOre)}" aria-labelledby="cost-label" aria-describedby="cost-text"></progress>
<p id="cost-text" class="cost-text">${t.costOfMax(shown.runningCost, shown.maxAmount)}</p>
</div>
</div>`;
}
