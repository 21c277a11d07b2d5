import { html, type SafeHtml } from '../html.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';

// A plain page for a refusal or a fault: a heading, what happened in plain
// words, and a way on.
export function messagePage(ctx: PageContext, page: { title: string; lines: string[]; link?: { href: string; text: string } }): string {
  const link: SafeHtml | undefined = page.link && html`<p><a class="button primary" href="${page.link.href}">${page.link.text}</a></p>`;
  const main = html`<h1>${page.title}</h1>
${page.lines.map((line) => html`<p>${line}</p>`)}
${link}`;
  return layout(ctx, { title: page.title, main });
}
