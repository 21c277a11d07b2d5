import type { FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../../usecases/ports/operator-audit.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { formatOslo } from './oslo-time.ts';
import { textOf } from './i18n/console-language.ts';

const PAGE = 100;

interface AuditQuery {
  actor?: string;
  action?: string;
  before?: string;
}

// The audit log (owners only): who did what, when and from where, newest first.
export function registerAuditPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Querystring: AuditQuery }>('/console/audit', { config: { role: 'owner' } }, async (request, reply) => {
    const q = request.query;
    const actor = typeof q.actor === 'string' ? q.actor.trim().slice(0, 300) : '';
    const action = typeof q.action === 'string' ? q.action.trim().slice(0, 100) : '';
    const before = typeof q.before === 'string' && /^\d{1,15}$/.test(q.before) ? Number(q.before) : undefined;
    const records = await deps.audit.recent({ limit: PAGE, ...(before !== undefined ? { beforeId: before } : {}), ...(actor ? { actor } : {}), ...(action ? { action } : {}) });
    const last = records.at(-1);
    const older = records.length === PAGE && last ? `/console/audit?${new URLSearchParams({ ...(actor ? { actor } : {}), ...(action ? { action } : {}), before: String(last.id) })}` : undefined;
    const m = textOf(request).audit;
    const main = html`<h1>${m.title}</h1>
<form class="filters card" method="get" action="/console/audit" aria-label="${m.filterLabel}">
<label>${m.who} <input name="actor" value="${actor}" placeholder="console:drift@example.no"></label>
<label>${m.action} <input name="action" value="${action}" placeholder="session.refund"></label>
<div><button type="submit">${textOf(request).common.show}</button> <a class="button secondary" href="/console/audit">${m.all}</a></div></form>
<table><thead><tr><th scope="col">${m.when}</th><th scope="col">${m.who}</th><th scope="col">${m.from}</th><th scope="col">${m.action}</th><th scope="col">${m.subject}</th><th scope="col">${m.outcome}</th><th scope="col">${m.detail}</th></tr></thead><tbody>
${records.map(row)}</tbody></table>
${records.length === 0 ? html`<p class="muted">${actor || action ? m.nothingFiltered : m.nothing}</p>` : ''}
${older && html`<p><a href="${older}">${m.older}</a></p>`}`;
    return sendPage(deps, request, reply, { title: m.title, section: 'audit', main });
  });
}

function row(r: AuditRecord): SafeHtml {
  const bad = r.outcome !== 'ok';
  return html`<tr><td>${formatOslo(r.at)}</td><td>${r.actor}</td><td class="mono">${r.address ?? '–'}</td><td class="mono">${r.action}</td>
<td>${r.subjectType} <span class="mono">${r.subjectId}</span></td><td>${bad ? html`<span class="badge bad">${r.outcome}</span>` : html`<span class="badge ok">ok</span>`}</td>
<td class="mono">${Object.keys(r.detail).length > 0 ? JSON.stringify(r.detail) : ''}</td></tr>`;
}
