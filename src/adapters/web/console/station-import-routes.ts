import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, readImportCsv } from '../../../usecases/operator/station-import-csv.ts';
import type { ImportError, ImportPlan, ImportedStation } from '../../../usecases/operator/station-import.ts';
import { importLines, importStepText } from '../../../usecases/operator/station-import-summary.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { csrfField } from './layout.ts';
import { ocppUrl } from './station-forms.ts';
import { landingUrl } from './sticker-qr.ts';

// A file of a few thousand rows is far more than the console's other forms take.
const IMPORT_BODY_LIMIT = 1024 * 1024;

function errorList(errors: readonly ImportError[]): SafeHtml {
  return html`<section class="card" aria-labelledby="import-errors"><h2 id="import-errors">${errors.length} error${errors.length === 1 ? '' : 's'}: nothing can be imported until they are fixed</h2>
<ul>${errors.map((e) => html`<li><strong>Line ${e.line}:</strong> ${e.message}</li>`)}</ul></section>`;
}

function planList(plan: ImportPlan): SafeHtml {
  const changes = plan.steps.filter((s) => s.kind !== 'unchanged').length;
  return html`<section class="card" aria-labelledby="import-plan"><h2 id="import-plan">What the import does: ${changes} change${changes === 1 ? '' : 's'}</h2>
<ol class="plan">${plan.steps.map((s) => html`<li data-kind="${s.kind}"><span class="muted">${importLines(s)}:</span> ${importStepText(s)}</li>`)}</ol></section>`;
}

function importForm(csrf: string, csv: string, canImport: boolean): SafeHtml {
  return html`<form class="stack card wide" method="post" action="/console/stations/import">${csrfField(csrf)}
<label>CSV <span class="hint">one row per connector; the first line names the columns: ${IMPORT_COLUMNS.join(', ')} (comma or semicolon; see docs/station-import.md)</span>
<textarea name="csv" rows="14" spellcheck="false" required>${csv}</textarea></label>
<div class="actions"><button type="submit" name="mode" value="check" class="secondary">Check (dry run)</button>
${canImport && html`<button type="submit" name="mode" value="import">Import</button>`}</div></form>`;
}

function createdList(publicUrl: string, created: readonly ImportedStation[]): SafeHtml {
  if (created.length === 0) return html``;
  return html`<section class="card" aria-labelledby="import-secrets"><h2 id="import-secrets">New stations: OCPP passwords</h2>
<p><strong>Shown only now.</strong> Enter each in its station; Ladepay keeps only a hash.</p>
<table><thead><tr><th scope="col">Station</th><th scope="col">OCPP URL</th><th scope="col">Password</th><th scope="col">Connectors</th></tr></thead><tbody>
${created.map(
  (s) => html`<tr><td class="mono">${s.stationId}</td><td><code>${ocppUrl(publicUrl, s.stationId)}</code></td><td><span class="secret" data-station="${s.stationId}">${s.password}</span></td>
<td>${s.connectors.map((c) => html`<a class="mono" href="${landingUrl(publicUrl, c.code)}">${c.code}</a> `)}</td></tr>`,
)}</tbody></table>
<p><a href="/console/stickers?connectors=${created.flatMap((s) => s.connectors.map((c) => c.code)).join(',')}">Print QR stickers for the new connectors</a></p></section>`;
}

// Stations and connectors in bulk: paste a CSV, check it (a dry run that
// lists every step and every error by line), then import it.
export function registerStationImportRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const page = (request: FastifyRequest, reply: FastifyReply, main: SafeHtml, status = 200, notice?: string) =>
    sendPage(deps, request, reply, { title: 'Import stations', section: 'stations', main, ...(notice ? { notice } : {}) }, status);
  const csrf = (request: FastifyRequest) => deps.auth.current(request).csrfToken;

  app.get('/console/stations/import', async (request, reply) =>
    page(request, reply, html`<h1>Import stations</h1><p>Add stations and connectors, or change them, from a CSV file of up to ${MAX_IMPORT_ROWS} rows. Paste it below and check it first: nothing is written until you press Import.</p>
${importForm(csrf(request), '', false)}`),
  );

  app.post('/console/stations/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
    const csv = formField(request.body, 'csv');
    const importing = formField(request.body, 'mode') === 'import';
    const read = readImportCsv(csv);
    if (!read.ok) return page(request, reply, html`<h1>Import stations</h1>${errorList(read.errors)}${importForm(csrf(request), csv, false)}`, 400);
    if (!importing) {
      const plan = await deps.stationImport.plan(read.rows);
      const ok = plan.errors.length === 0;
      return page(request, reply, html`<h1>Import stations: dry run</h1>${ok ? '' : errorList(plan.errors)}${planList(plan)}${importForm(csrf(request), csv, ok)}`, ok ? 200 : 400);
    }
    const r = await deps.stationImport.run(read.rows);
    const changes = r.plan.steps.filter((s) => s.kind !== 'unchanged');
    await deps.audit.record({
      ...auditBy(deps, request),
      action: 'station.import',
      subjectType: 'station',
      subjectId: '*',
      outcome: r.ok ? 'ok' : 'invalid',
      detail: r.ok ? { rows: read.rows.length, steps: changes.map((s) => `${s.kind} ${'stationId' in s ? s.stationId : s.connectorId}`) } : { rows: read.rows.length, errors: r.plan.errors.length },
    });
    if (!r.ok) return page(request, reply, html`<h1>Import stations</h1>${errorList(r.plan.errors)}${planList(r.plan)}${importForm(csrf(request), csv, false)}`, 400);
    const main = html`<h1>Import stations: done</h1>${createdList(deps.publicUrl, r.created)}${planList(r.plan)}<p><a href="/console/stations">Stations</a></p>`;
    return page(request, reply, main, 201, `Imported: ${changes.length} change${changes.length === 1 ? '' : 's'}.`);
  });
}
