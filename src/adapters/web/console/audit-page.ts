import type { FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../../usecases/ports/operator-audit.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { formatOslo } from './oslo-time.ts';

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
    const main = html`<h1>Audit log</h1>
<form class="filters card" method="get" action="/console/audit" aria-label="Filter the audit log">
<label>Who <input name="actor" value="${actor}" placeholder="console:drift@example.no"></label>
<label>Action <input name="action" value="${action}" placeholder="session.refund"></label>
<div><button type="submit">Show</button> <a class="button secondary" href="/console/audit">All</a></div></form>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">From</th><th scope="col">Action</th><th scope="col">Subject</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead><tbody>
${records.map(row)}</tbody></table>
${records.length === 0 ? html`<p class="muted">Nothing recorded${actor || action ? ' for this filter' : ''}.</p>` : ''}
${older && html`<p><a href="${older}">Older</a></p>`}`;
    return sendPage(deps, request, reply, { title: 'Audit log', section: 'audit', main });
  });
}

function row(r: AuditRecord): SafeHtml {
  const bad = r.outcome !== 'ok';
  return html`<tr><td>${formatOslo(r.at)}</td><td>${r.actor}</td><td class="mono">${r.address ?? '–'}</td><td class="mono">${r.action}</td>
<td>${r.subjectType} <span class="mono">${r.subjectId}</span></td><td>${bad ? html`<span class="badge bad">${r.outcome}</span>` : html`<span class="badge ok">ok</span>`}</td>
<td class="mono">${Object.keys(r.detail).length > 0 ? JSON.stringify(r.detail) : ''}</td></tr>`;
}
