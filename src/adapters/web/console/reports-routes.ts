import type { FastifyInstance } from 'fastify';
import type { FleetReport, ReportFigures, ReportRow } from '../../../core/fleet-report.ts';
import { OSLO_ZONE } from '../../../core/oslo-calendar.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kwhDecimal, percentDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';
import { reportCsv } from './report-csv.ts';
import { readReportQuery, reportQueryString } from './report-query.ts';

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function figureCells(f: ReportFigures): SafeHtml {
  return html`<td class="num">${String(f.sessions)}</td><td class="num">${kwhDecimal(f.energyWh)}</td><td class="num">${formatNok(f.netOre)}</td><td class="num">${formatNok(f.vatOre)}</td><td class="num">${formatNok(f.grossOre)}</td><td class="num">${formatNok(f.refundsOre)}</td><td class="num">${percentDecimal(f.utilisationBasisPoints)} %</td><td class="num">${String(f.startFailed)}</td><td class="num">${String(f.paymentFailed)}</td>`;
}

function placeCells(r: FleetReport, row: ReportRow): SafeHtml {
  return r.by === 'station' ? html`<td>${row.siteName}</td><td>${row.stationName ?? ''} <span class="muted mono">${row.stationId ?? ''}</span></td>` : html`<td>${row.siteName}</td>`;
}

function reportTable(r: FleetReport): SafeHtml {
  const place = r.by === 'station' ? html`<th scope="col">Site</th><th scope="col">Station</th>` : html`<th scope="col">Site</th>`;
  return html`<table class="report"><thead><tr><th scope="col">${r.group === 'day' ? 'Day' : 'Month'}</th>${place}<th scope="col" class="num">Sessions</th><th scope="col" class="num">Energy (kWh)</th><th scope="col" class="num">Net</th><th scope="col" class="num">VAT</th><th scope="col" class="num">Gross</th><th scope="col" class="num">Refunds</th><th scope="col" class="num">Utilisation</th><th scope="col" class="num">Failed starts</th><th scope="col" class="num">Payment failures</th></tr></thead>
<tbody>${r.rows.map((row) => html`<tr data-period="${row.period}"><td>${row.period}</td>${placeCells(r, row)}${figureCells(row)}</tr>`)}</tbody>
<tfoot><tr data-period="total"><th scope="row" colspan="${r.by === 'station' ? '3' : '2'}">Total ${r.from} – ${r.to}</th>${figureCells(r.totals)}</tr></tfoot></table>`;
}

// The fleet's figures per day or month and per site or station (docs/reports.md),
// as a page that prints (console.css, @media print) and as a CSV. Viewers may read both.
export function registerReportRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get('/console/reports', async (request, reply) => {
    const now = deps.now();
    const { request: q, problems } = readReportQuery(request.query, now);
    const report = problems.length > 0 ? undefined : await deps.reports.fleet(q);
    const problem = problems.length > 0 ? problems.join(' ') : report && !report.ok ? report.error : undefined;
    const main = html`<h1>Reports</h1>
<form class="filters card" method="get" action="/console/reports" aria-label="Choose the report">
<label>From <input type="date" name="from" value="${q.from}" required></label>
<label>To <input type="date" name="to" value="${q.to}" required></label>
<label>Per <select name="group">${option('day', 'day', q.group)}${option('month', 'month', q.group)}</select></label>
<label>By <select name="by">${option('site', 'site', q.by)}${option('station', 'station', q.by)}</select></label>
<button type="submit">Show</button>
<a class="button secondary" href="/console/reports.csv${reportQueryString(q)}">Download CSV</a>
</form>
<p class="print-only">${deps.seller.name} · report ${q.from} – ${q.to}, per ${q.group}, by ${q.by} · printed ${formatOslo(now.toISOString())} (Oslo time)</p>
${report?.ok && reportTable(report.value)}
<p class="muted">Days and months in Oslo time (${OSLO_ZONE}). Money and energy are the stored bills of settled sessions, counted on the day the charge ended; refunds on the day they were made; utilisation is the share of the connectors' time spent in a charge, split over the days it spans; failed starts and payment failures on the day the session was made. Print this page for a paper copy.</p>`;
    return sendPage(deps, request, reply, { title: 'Reports', section: 'reports', main, ...(problem ? { problem } : {}) }, problem ? 400 : 200);
  });

  app.get('/console/reports.csv', async (request, reply) => {
    const { request: q, problems } = readReportQuery(request.query, deps.now());
    if (problems.length > 0) return reply.code(400).type('text/plain; charset=utf-8').send(problems.join('\n'));
    const report = await deps.reports.fleet(q);
    if (!report.ok) return reply.code(400).type('text/plain; charset=utf-8').send(report.error);
    const name = `ladepay-report-${q.from}-${q.to}-${q.group}-${q.by}.csv`.replace(/[^\w.-]/g, '');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type('text/csv; charset=utf-8')
      .send(reportCsv(report.value));
  });
}
