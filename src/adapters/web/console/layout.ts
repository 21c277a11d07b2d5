import type { Role } from '../../../core/operator-role.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Language } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';
import type { Section } from './console-sections.ts';

export type { Section };

export interface LayoutContext {
  cssUrl: string;
  language: Language;
  t: Messages;
  // The same page in the other language (a link that sets the console's language cookie).
  switchTo: { language: Language; name: string; href: string };
  operatorName: string;
  // Absent on the login page.
  user?: { email: string; csrfToken: string; role: Role };
  // Shown beside "Alerts" in the navigation when there are any.
  openAlerts?: number;
}

export interface ConsolePage {
  title: string;
  main: SafeHtml;
  section?: Section;
  refreshSeconds?: number;
  notice?: string;
  problem?: string;
}

const NAV: Array<[Section, string]> = [
  ['live', '/console'],
  ['alerts', '/console/alerts'],
  ['sessions', '/console/sessions'],
  ['reports', '/console/reports'],
  ['stations', '/console/stations'],
  ['sites', '/console/sites'],
  ['tariffs', '/console/tariffs'],
  ['stickers', '/console/stickers'],
  ['sharing', '/console/data-sharing'],
];
// What only owners manage.
const OWNER_NAV: Array<[Section, string]> = [
  ['users', '/console/users'],
  ['tokens', '/console/api-tokens'],
  ['audit', '/console/audit'],
];

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function renderPage(ctx: LayoutContext, page: ConsolePage): string {
  const t = ctx.t.layout;
  const nav =
    ctx.user &&
    html`<nav aria-label="${t.navLabel}">${[...NAV, ...(ctx.user.role === 'owner' ? OWNER_NAV : [])].map(
      ([id, href]) =>
        html`<a href="${href}"${page.section === id ? html` aria-current="page"` : ''}>${t.nav[id]}${
          id === 'alerts' && (ctx.openAlerts ?? 0) > 0 && html` <span class="badge bad" id="open-alert-count" aria-label="${t.openAlerts(ctx.openAlerts ?? 0)}">${ctx.openAlerts}</span>`
        }</a> `,
    )}</nav>
<div class="who"><span>${ctx.user.email} <span class="role">(${t.role[ctx.user.role]})</span></span>
<form class="inline" method="post" action="/console/logout">${csrfField(ctx.user.csrfToken)}<button type="submit">${t.logOut}</button></form></div>`;
  const languageLink = html`<a class="language" id="language-switch" href="${ctx.switchTo.href}" hreflang="${ctx.switchTo.language}" lang="${ctx.switchTo.language}">${ctx.switchTo.name}</a>`;
  return `<!doctype html>\n${html`<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – ${t.consoleName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ctx.cssUrl}">
${page.refreshSeconds !== undefined && html`<meta http-equiv="refresh" content="${page.refreshSeconds}">`}
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="top"><span class="brand">Ladepay · ${ctx.operatorName}</span>${nav}${languageLink}</header>
<main id="main">
${page.notice && html`<p class="notice" role="status">${page.notice}</p>`}
${page.problem && html`<p class="problem" role="alert">${page.problem}</p>`}
${page.main}
</main>
</body>
</html>`.value}\n`;
}
