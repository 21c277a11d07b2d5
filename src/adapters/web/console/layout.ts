import type { Role } from '../../../core/operator-role.ts';
import { html, type SafeHtml } from '../html.ts';

export type Section = 'live' | 'alerts' | 'sessions' | 'reports' | 'stations' | 'sites' | 'tariffs' | 'stickers' | 'users' | 'tokens' | 'audit';

export interface LayoutContext {
  cssUrl: string;
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

const NAV: Array<[Section, string, string]> = [
  ['live', 'Live', '/console'],
  ['alerts', 'Alerts', '/console/alerts'],
  ['sessions', 'Sessions', '/console/sessions'],
  ['reports', 'Reports', '/console/reports'],
  ['stations', 'Stations', '/console/stations'],
  ['sites', 'Sites', '/console/sites'],
  ['tariffs', 'Tariffs', '/console/tariffs'],
  ['stickers', 'QR stickers', '/console/stickers'],
];
// What only owners manage.
const OWNER_NAV: Array<[Section, string, string]> = [
  ['users', 'Users', '/console/users'],
  ['tokens', 'API tokens', '/console/api-tokens'],
  ['audit', 'Audit log', '/console/audit'],
];

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function renderPage(ctx: LayoutContext, page: ConsolePage): string {
  const nav =
    ctx.user &&
    html`<nav aria-label="Console">${[...NAV, ...(ctx.user.role === 'owner' ? OWNER_NAV : [])].map(
      ([id, label, href]) =>
        html`<a href="${href}"${page.section === id ? html` aria-current="page"` : ''}>${label}${
          id === 'alerts' && (ctx.openAlerts ?? 0) > 0 && html` <span class="badge bad" id="open-alert-count" aria-label="${ctx.openAlerts} open">${ctx.openAlerts}</span>`
        }</a> `,
    )}</nav>
<div class="who"><span>${ctx.user.email} <span class="role">(${ctx.user.role})</span></span>
<form class="inline" method="post" action="/console/logout">${csrfField(ctx.user.csrfToken)}<button type="submit">Log out</button></form></div>`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – Ladepay console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ctx.cssUrl}">
${page.refreshSeconds !== undefined && html`<meta http-equiv="refresh" content="${page.refreshSeconds}">`}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">Ladepay · ${ctx.operatorName}</span>${nav}</header>
<main id="main">
${page.notice && html`<p class="notice" role="status">${page.notice}</p>`}
${page.problem && html`<p class="problem" role="alert">${page.problem}</p>`}
${page.main}
</main>
</body>
</html>`.value}\n`;
}
