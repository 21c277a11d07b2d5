import { html } from '../html.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';

// The way in without a QR code, and what an unknown code answers: a field for
// the code printed on the station. `unknownCode` set → the 404 variant.
export function homePage(ctx: PageContext, unknownCode?: string): string {
  const { t } = ctx;
  const title = unknownCode === undefined ? t.homeTitle : t.codeNotFoundTitle;
  const main = html`<h1>${title}</h1>
${unknownCode === undefined ? html`<p>${t.homeIntro}</p>` : html`<div class="alert" role="alert"><p>${t.codeNotFound(unknownCode)}</p></div>`}
<form class="code" method="get" action="/c">
<div class="field">
<label for="code">${t.codeLabel}</label>
<p class="note" id="code-hint">${t.codeHint}</p>
<input type="text" id="code" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" aria-describedby="code-hint" value="${unknownCode ?? ''}">
</div>
<button class="button primary" type="submit">${t.continueButton}</button>
</form>`;
  return layout(ctx, { title, main });
}
