import type { Session } from '../../../core/session/session.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';

// A session that could not be priced holds its reservation until an operator
// decides: capture an amount up to what was authorized, with a reason, or
// release it all. Nothing happens by itself.
export function reviewSection(s: Session, csrf: string): SafeHtml | undefined {
  if (!s.review) return undefined;
  const decision = s.review.decision;
  const action = `/console/sessions/${s.id}/review`;
  return html`<section class="card" aria-labelledby="review"><h2 id="review">Review</h2>
<p>This session could not be priced (<span class="mono">${s.review.failure}</span>, ${formatOslo(s.review.openedAt)}).${
    decision
      ? html` Decided ${formatOslo(decision.at)}: ${decision.action === 'capture' ? `capture ${formatNok(decision.amountOre)}` : 'release everything'} (“${decision.reason}”).`
      : html` The reservation of ${formatNok(s.authorizedOre)} is held until you decide: compare the meter readings and the OCPP frames in the timeline.`
  }</p>
${
  s.state === 'needs_review' &&
  html`<form class="stack" method="post" action="${action}" aria-label="Capture an amount">${csrfField(csrf)}<input type="hidden" name="decision" value="capture">
<label>Amount to capture (kr) <span class="hint">at most ${formatNok(s.authorizedOre)}</span><input name="amount" inputmode="decimal" required placeholder="0,00"></label>
<label>Reason <span class="hint">kept with the session</span><input name="reason" required minlength="3" maxlength="200"></label>
<div><button type="submit">Capture this amount</button></div></form>
<form class="stack" method="post" action="${action}" aria-label="Release everything">${csrfField(csrf)}<input type="hidden" name="decision" value="release">
<label>Reason <span class="hint">kept with the session</span><input name="reason" required minlength="3" maxlength="200"></label>
<div><button type="submit" class="secondary">Release everything</button></div></form>`
}
</section>`;
}
