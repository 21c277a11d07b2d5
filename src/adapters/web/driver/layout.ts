import { html, safeHref, type SafeHtml } from '../html.ts';
import { LANGUAGES } from './i18n/language.ts';
import { messagesFor } from './i18n/messages-for.ts';
import type { PageContext } from './page-context.ts';
import { supportFooter } from './support-footer.ts';

export interface PageShell {
  title: string;
  main: SafeHtml;
  // Seconds between reloads when scripts are off and the page shows something live.
  noScriptRefreshSeconds?: number;
  script?: boolean;
  termsUrl?: string;
}

export function layout(ctx: PageContext, page: PageShell): string {
  const { t } = ctx;
  const other = LANGUAGES.find((l) => l !== ctx.language) ?? ctx.language;
  const separator = ctx.path.includes('?') ? '&' : '?';
  return `<!doctype html>\n${html`<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – ${t.appName}</title>
<meta name="color-scheme" content="light">
<meta name="theme-color" content="#ffffff">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ctx.assets.css}">
${page.noScriptRefreshSeconds !== undefined && html`<noscript><meta http-equiv="refresh" content="${page.noScriptRefreshSeconds}"></noscript>`}
${page.script === true && html`<script src="${ctx.assets.js}" defer></script>`}
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="top">
<span class="brand">${t.appName}</span>
<a class="lang" href="${ctx.path}${separator}lang=${other}" hreflang="${other}" lang="${other}">${messagesFor(other).languageName}</a>
</header>
<main id="main">
${page.main}
</main>
<footer class="foot">
<p>${t.operatedBy(ctx.operatorName)}</p>
${supportFooter(t, ctx.support)}
<p><a href="${safeHref(page.termsUrl ?? '/terms')}">${t.termsLink}</a> · ${t.paymentsBy}</p>
</footer>
</body>
</html>`.value}\n`;
}
