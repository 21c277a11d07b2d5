import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, readImportCsv } from '../../../usecases/operator/station-import-csv.ts';
import { planDigest, type ImportError, type ImportPlan, type ImportedStation } from '../../../usecases/operator/station-import.ts';
import { importLines, importStepText } from '../../../usecases/operator/station-import-summary.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { acceptImportUploads, IMPORT_FILE_LIMIT, importUploadOf } from './import-upload.ts';
import { csrfField } from './layout.ts';
import { ocppUrl } from './station-forms.ts';
import { landingUrl } from './sticker-qr.ts';

// The pasted text, sent without a file, as a plain form: a little over the file's limit for its encoding.
const IMPORT_BODY_LIMIT = 3 * IMPORT_FILE_LIMIT;

function errorList(errors: readonly ImportError[]): SafeHtml {
  return html`<section class="card" aria-labelledby="import-errors"><h2 id="import-errors">${errors.length} error${errors.length === 1 ? '' : 's'}: nothing can be imported until they are fixed</h2>
<ul>${errors.map((e) => html`<li><strong>Line ${e.line}:</strong> ${e.message}</li>`)}</ul></section>`;
}

function planList(plan: ImportPlan): SafeHtml {
  const changes = plan.steps.filter((s) => s.kind !== 'unchanged').length;
  return html`<section class="card" aria-labelledby="import-plan"><h2 id="import-plan">What the import does: ${changes} change${changes === 1 ? '' : 's'}</h2>
<ol class="plan">${plan.steps.map((s) => html`<li data-kind="${s.kind}"><span class="muted">${importLines(s)}:</span> ${importStepText(s)}</li>`)}</ol></section>`;
}

function refusal(message: string): SafeHtml {
  return html`<section class="card" aria-labelledby="import-refused"><h2 id="import-refused">The file was not read</h2><p class="field-error" role="alert">${message}</p></section>`;
}

// Multipart, so a file can be chosen; the CSRF token comes first, before the
// file, so the guard finds it even when the file is refused. After a dry run
// the checked CSV is in the text area and the plan's digest in "shown":
// Import carries out that plan only, whether the CSV was pasted or uploaded.
function importForm(csrf: string, csv: string, shown?: string): SafeHtml {
  return html`<form class="stack card wide" method="post" action="/console/stations/import" enctype="multipart/form-data">${csrfField(csrf)}
<label>CSV file <span class="hint">text/csv or text/plain, UTF-8, at most ${IMPORT_FILE_LIMIT / 1024 / 1024} MiB; a chosen file is used instead of the text below</span>
<input type="file" name="file" accept=".csv,.txt,text/csv,text/plain"></label>
<label>or paste the CSV <span class="hint">one row per connector; the first line names the columns: ${IMPORT_COLUMNS.join(', ')} (comma or semicolon; see docs/station-import.md)</span>
<textarea name="csv" rows="14" spellcheck="false">${csv}</textarea></label>
${shown && html`<input type="hidden" name="shown" value="${shown}">`}
<div class="actions"><button type="submit" name="mode" value="check" class="secondary">Check (dry run)</button>
${shown && html`<button type="submit" name="mode" value="import">Import</button>`}</div></form>`;
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

// Stations and connectors in bulk: paste or upload a CSV, check it (a dry run
// that lists every step and every error by line), then import that plan.
export function registerStationImportRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const page = (request: FastifyRequest, reply: FastifyReply, main: SafeHtml, status = 200, notice?: string) =>
    sendPage(deps, request, reply, { title: 'Import stations', section: 'stations', main, ...(notice ? { notice } : {}) }, status);
  const csrf = (request: FastifyRequest) => deps.auth.current(request).csrfToken;

  app.get('/console/stations/import', async (request, reply) =>
    page(request, reply, html`<h1>Import stations</h1><p>Add stations and connectors, or change them, from a CSV file of up to ${MAX_IMPORT_ROWS} rows. Choose the file or paste it below and check it first: nothing is written until you press Import.</p>
${importForm(csrf(request), '')}`),
  );

  // Its own scope: multipart parsing for this one route only.
  void app.register(async (scope) => {
    await acceptImportUploads(scope);
    scope.post('/console/stations/import', { bodyLimit: IMPORT_BODY_LIMIT }, (request, reply) => postImport(request, reply));
  });

  async function postImport(request: FastifyRequest, reply: FastifyReply) {
    const upload = importUploadOf(request);
    const pasted = formField(request.body, 'csv');
    if (upload.kind === 'refused') return page(request, reply, html`<h1>Import stations</h1>${refusal(upload.message)}${importForm(csrf(request), pasted)}`, upload.status);
    const csv = upload.kind === 'file' ? upload.text.trim() : pasted;
    const from = upload.kind === 'file' ? html`<p>Checked: <strong>${upload.name}</strong>. Its text is below; Import imports exactly this.</p>` : html``;
    const importing = formField(request.body, 'mode') === 'import';
    const read = readImportCsv(csv);
    if (!read.ok) return page(request, reply, html`<h1>Import stations</h1>${from}${errorList(read.errors)}${importForm(csrf(request), csv)}`, 400);
    const dryRun = async (status: number, warning?: string) => {
      const plan = await deps.stationImport.plan(read.rows);
      const ok = plan.errors.length === 0;
      const main = html`<h1>Import stations: dry run</h1>${warning && html`<p class="field-error" role="alert">${warning}</p>`}${from}${ok ? '' : errorList(plan.errors)}${planList(plan)}${importForm(csrf(request), csv, ok ? planDigest(plan) : undefined)}`;
      return page(request, reply, main, ok ? status : 400);
    };
    if (!importing) return dryRun(200);
    // Import is only ever the plan a dry run showed: a chosen file or edited
    // text, or stations changed since, are shown as a new dry run instead.
    const shown = formField(request.body, 'shown');
    if (upload.kind === 'file' || shown === '') return dryRun(409, 'Check this plan first: nothing was imported.');
    const r = await deps.stationImport.run(read.rows, shown);
    if (!r.ok && r.stale) return dryRun(409, 'The CSV or the stations changed since the check: this is the plan now. Nothing was imported.');
    const changes = r.plan.steps.filter((s) => s.kind !== 'unchanged');
    await deps.audit.record({
      ...auditBy(deps, request),
      action: 'station.import',
      subjectType: 'station',
      subjectId: '*',
      outcome: r.ok ? 'ok' : 'invalid',
      detail: r.ok ? { rows: read.rows.length, steps: changes.map((s) => `${s.kind} ${'stationId' in s ? s.stationId : s.connectorId}`) } : { rows: read.rows.length, errors: r.plan.errors.length },
    });
    if (!r.ok) return page(request, reply, html`<h1>Import stations</h1>${errorList(r.plan.errors)}${planList(r.plan)}${importForm(csrf(request), csv)}`, 400);
    const main = html`<h1>Import stations: done</h1>${createdList(deps.publicUrl, r.created)}${planList(r.plan)}<p><a href="/console/stations">Stations</a></p>`;
    return page(request, reply, main, 201, `Imported: ${changes.length} change${changes.length === 1 ? '' : 's'}.`);
  }
}
