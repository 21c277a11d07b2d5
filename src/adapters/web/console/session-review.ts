import type { Session } from '../../../core/session/session.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import type { Messages } from './i18n/messages.ts';
import { formatOslo } from './oslo-time.ts';

// A session that could not be priced holds its reservation until an operator
// decides: capture an amount up to what was authorized, with a reason, or
// release it all. Nothing happens by itself.
export function reviewSection(s: Session, csrf: string, t: Messages): SafeHtml | undefined {
  const m = t.session;
  if (!s.review) return undefined;
  const decision = s.review.decision;
  const action = `/console/sessions/${s.id}/review`;
  return html`<section class="card" aria-labelledby="review"><h2 id="review">${m.review}</h2>
<p>${m.reviewIntro(s.review.failure, formatOslo(s.review.openedAt))}${
    decision
      ? m.decided(formatOslo(decision.at), decision.action === 'capture' ? m.captureOf(formatNok(decision.amountOre)) : m.releaseEverything, decision.reason)
      : m.reservationHeld(formatNok(s.authorizedOre))
  }</p>
${
  s.state === 'needs_review' &&
  html`<form class="stack" method="post" action="${action}" aria-label="${m.captureButton}">${csrfField(csrf)}<input type="hidden" name="decision" value="capture">
<label>${m.captureLabel} <span class="hint">${m.captureAtMost(formatNok(s.authorizedOre))}</span><input name="amount" inputmode="decimal" required placeholder="0,00"></label>
<label>${t.common.reason} <span class="hint">${m.keptWithSession}</span><input name="reason" required minlength="3" maxlength="200"></label>
<div><button type="submit">${m.captureButton}</button></div></form>
<form class="stack" method="post" action="${action}" aria-label="${m.releaseButton}">${csrfField(csrf)}<input type="hidden" name="decision" value="release">
<label>${t.common.reason} <span class="hint">${m.keptWithSession}</span><input name="reason" required minlength="3" maxlength="200"></label>
<div><button type="submit" class="secondary">${m.releaseButton}</button></div></form>`
}
</section>`;
}
