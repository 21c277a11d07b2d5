import { html } from '../html.ts';
import type { TermsRules } from './i18n/messages.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';

// Ladepay's own terms, used when the operator has not configured a terms URL.
export function termsPage(ctx: PageContext, rules: TermsRules): string {
  const { t } = ctx;
  const sections = t.terms(ctx.operatorName, rules).map(
    (section) => html`<section><h2>${section.heading}</h2>${section.paragraphs.map((p) => html`<p>${p}</p>`)}</section>`,
  );
  const main = html`<h1>${t.termsTitle}</h1>
<p>${t.termsIntro(ctx.operatorName)}</p>
${sections}`;
  return layout(ctx, { title: t.termsTitle, main });
}
