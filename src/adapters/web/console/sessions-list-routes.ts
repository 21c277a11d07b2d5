import type { FastifyInstance } from 'fastify';
import { formatNok } from '../format-nok.ts';
import { html } from '../html.ts';
import { SESSION_STATES } from '../../../core/vocabulary/session-states.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kwhDecimal } from './kroner.ts';
import { formatOslo, osloDate } from './oslo-time.ts';
import { costLabel, energyWh, stateBadge } from './session-figures.ts';
import { textOf } from './i18n/console-language.ts';
import { queryString, readSessionQuery } from './session-filter.ts';
import { settledSessionsCsv } from './settled-csv.ts';

const LIMIT = 200;

export function registerSessionListRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get('/console/sessions', async (request, reply) => {
    const t = textOf(request);
    const m = t.sessions;
    const { query, filter, problems } = readSessionQuery(request.query, t);
    const [rows, stations] = await Promise.all([
      problems.length > 0 ? Promise.resolve([]) : deps.sessions.list({ ...filter, limit: LIMIT }),
      deps.stations.list(),
    ]);
    const now = deps.now();
    const main = html`<h1>${m.title}</h1>
<form class="filters card" method="get" action="/console/sessions" aria-label="${m.filterLabel}">
<label>${m.state} <select name="state"><option value="">${t.common.any}</option>${SESSION_STATES.map(
      (s) => html`<option value="${s}"${s === query.state ? html` selected` : ''}>${t.states[s]}</option>`,
    )}</select></label>
<label>${t.common.station} <select name="station"><option value="">${t.common.any}</option>${stations.map(
      (s) => html`<option value="${s.id}"${s.id === query.station ? html` selected` : ''}>${s.name} (${s.id})</option>`,
    )}</select></label>
<label>${t.common.from} <input type="date" name="from" value="${query.from}"></label>
<label>${t.common.to} <input type="date" name="to" value="${query.to}"></label>
<label>${m.reference} <input type="search" name="reference" value="${query.reference}" placeholder="lp-…"></label>
<button type="submit">${t.common.show}</button>
<a class="button secondary" href="/console/sessions.csv${queryString({ station: query.station, from: query.from, to: query.to })}">${m.csv}</a>
</form>
${rows.length === LIMIT && html`<p class="muted">${m.newest(LIMIT)}</p>`}
<table><thead><tr><th scope="col">${m.started}</th><th scope="col">${t.common.station}</th><th scope="col">${m.state}</th><th scope="col" class="num">${m.energyKwh}</th><th scope="col" class="num">${t.common.amount}</th><th scope="col">${m.reference}</th></tr></thead><tbody>
${rows.map(
  ({ session: s }) => html`<tr><td><a href="/console/sessions/${s.id}">${formatOslo(s.createdAt)}</a></td><td>${s.stationId} #${s.connectorNo}</td><td>${stateBadge(s.state, t)}</td>
<td class="num">${kwhDecimal(energyWh(s))}</td><td class="num">${s.priced ? formatNok(s.capturedOre - s.refundedOre) : costLabel(s, now, t)}</td><td class="mono">${s.reference}</td></tr>`,
)}</tbody></table>
${rows.length === 0 && problems.length === 0 && html`<p class="muted">${m.none}</p>`}`;
    return sendPage(deps, request, reply, { title: m.title, section: 'sessions', main, ...(problems.length > 0 ? { problem: problems.join(' ') } : {}) }, problems.length > 0 ? 400 : 200);
  });

  app.get('/console/sessions.csv', async (request, reply) => {
    const { filter, problems } = readSessionQuery(request.query, textOf(request));
    if (problems.length > 0) return reply.code(400).type('text/plain; charset=utf-8').send(problems.join('\n'));
    const { state: _state, ...window } = filter;
    const csv = settledSessionsCsv(await deps.reports.settled({ ...window, limit: 100_000 }));
    const name = `ladepay-sessions-${osloDate(deps.now().toISOString())}.csv`;
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
