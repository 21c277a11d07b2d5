import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import { html, safeHref, type SafeHtml } from '../html.ts';
import type { Messages } from './i18n/messages.ts';

// The operator's support contact in every page's footer: the number to call
// from the charge point, the address to write to, the help page. Validated
// when the configuration was read (config.ts), so they make plain links.
export function supportFooter(t: Messages, support: SupportContact | undefined): SafeHtml | undefined {
  if (!support) return undefined;
  const links: SafeHtml[] = [];
  if (support.phone) links.push(html`<a href="tel:${support.phone.replace(/ /g, '')}" class="nowrap">${support.phone}</a>`);
  if (support.email) links.push(html`<a href="mailto:${support.email}">${support.email}</a>`);
  if (support.url) links.push(html`<a href="${safeHref(support.url)}">${t.supportWebLink}</a>`);
  return html`<div class="support"><p id="support-heading">${t.supportHeading}</p>
<ul aria-labelledby="support-heading">${links.map((link) => html`<li>${link}</li>`)}</ul></div>`;
}
