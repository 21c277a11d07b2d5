import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, readImportCsv } from '../../../usecases/operator/station-import-csv.ts';
import { planDigest, type ImportError, type ImportPlan, type ImportedStation } from '../../../usecases/operator/station-import.ts';
import { importLines, importStepText } from '../../../usecases/operator/station-import-summary.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { acceptImportUploads, IMPORT_FILE_LIMIT, importUploadOf } from './import-upload.ts';
import { csrfField } from './layout.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';
import { ocppUrl } from './station-forms.ts';
import { landingUrl } from './sticker-qr.ts';

// The pasted text, sent without a file, as a plain form: a little over the file's limit for its encoding.
const IMPORT_BODY_LIMIT = 3 * IMPORT_FILE_LIMIT;

type ImportTexts = Messages['stationImport'];

function errorList(m: ImportTexts, errors: readonly ImportError[]): SafeHtml {
  return html`<section class="card" aria-labelledby="import-errors"><h2 id="import-errors">${m.errors(errors.length)}</h2>
<ul>${errors.map((e) => html`<li><strong>${m.line(e.line)}</strong> ${e.message}</li>`)}</ul></section>`;
}

function planList(m: ImportTexts, plan: ImportPlan): SafeHtml {
  const changes = plan.steps.filter((s) => s.kind !== 'unchanged').length;
  return html`<section class="card" aria-labelledby="import-plan"><h2 id="import-plan">${m.plan(changes)}</h2>
<ol class="plan">${plan.steps.map((s) => html`<li data-kind="${s.kind}"><span class="muted">${importLines(s)}:</span> ${importStepText(s)}</li>`)}</ol></section>`;
}

function refusal(m: ImportTexts, message: string): SafeHtml {
  return html`<section class="card" aria-labelledby="import-refused"><h2 id="import-refused">${m.notRead}</h2><p class="field-error" role="alert">${message}</p></section>`;
}

// Multipart, so a file can be chosen; the CSRF token comes first, before the
// file, so the guard finds it even when the file is refused. After a dry run
// the checked CSV is in the text area and the plan's digest in "shown":
// Import carries out that plan only, whether the CSV was pasted or uploaded.
function importForm(m: ImportTexts, csrf: string, csv: string, shown?: string): SafeHtml {
  return html`<form class="stack card wide" method="post" action="/console/stations/import" enctype="multipart/form-data">${csrfField(csrf)}
<label>${m.fileLabel} <span class="hint">${m.fileHint(IMPORT_FILE_LIMIT / 1024 / 1024)}</span>
<input type="file" name="file" accept=".csv,.txt,text/csv,text/plain"></label>
<label>${m.pasteLabel} <span class="hint">${m.pasteHint(IMPORT_COLUMNS.join(', '))}</span>
<textarea name="csv" rows="14" spellcheck="false">${csv}</textarea></label>
${shown && html`<input type="hidden" name="shown" value="${shown}">`}
<div class="actions"><button type="submit" name="mode" value="check" class="secondary">${m.check}</button>
${shown && html`<button type="submit" name="mode" value="import">${m.importButton}</button>`}</div></form>`;
}

function createdList(m: ImportTexts, publicUrl: string, created: readonly ImportedStation[]): SafeHtml {
  if (created.length === 0) return html``;
  return html`<section class="card" aria-labelledby="import-secrets"><h2 id="import-secrets">${m.passwordsTitle}</h2>
<p><strong>${m.shownOnce}</strong> ${m.enterEach}</p>
<table><thead><tr><th scope="col">${m.station}</th><th scope="col">${m.ocppUrl}</th><th scope="col">${m.password}</th><th scope="col">${m.connectors}</th></tr></thead><tbody>
${created.map(
  (s) => html`<tr><td class="mono">${s.stationId}</td><td><code>${ocppUrl(publicUrl, s.stationId)}</code></td><td><span class="secret" data-station="${s.stationId}">${s.password}</span></td>
<td>${s.connectors.map((c) => html`<a class="mono" href="${landingUrl(publicUrl, c.code)}">${c.code}</a> `)}</td></tr>`,
)}</tbody></table>
<p><a href="/console/stickers?connectors=${created.flatMap((s) => s.connectors.map((c) => c.code)).join(',')}">${m.stickers}</a></p></section>`;
}

// Stations and connectors in bulk: paste or upload a CSV, check it (a dry run
// that lists every step and every error by line), then import that plan.
export function registerStationImportRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const page = (request: FastifyRequest, reply: FastifyReply, main: SafeHtml, status = 200, notice?: string) =>
    sendPage(deps, request, reply, { title: textOf(request).stationImport.title, section: 'stations', main, ...(notice ? { notice } : {}) }, status);
  const csrf = (request: FastifyRequest) => deps.auth.current(request).csrfToken;

  app.get('/console/stations/import', async (request, reply) => {
    const m = textOf(request).stationImport;
    return page(request, reply, html`<h1>${m.title}</h1><p>${m.intro(MAX_IMPORT_ROWS)}</p>
${importForm(m, csrf(request), '')}`);
  });

  // Its own scope: multipart parsing for this one route only.
  void app.register(async (scope) => {
    await acceptImportUploads(scope);
    scope.post('/console/stations/import', { bodyLimit: IMPORT_BODY_LIMIT }, (request, reply) => postImport(request, reply));
  });

  async function postImport(request: FastifyRequest, reply: FastifyReply) {
    const m = textOf(request).stationImport;
    const upload = importUploadOf(request);
    const pasted = formField(request.body, 'csv');
    if (upload.kind === 'refused') return page(request, reply, html`<h1>${m.title}</h1>${refusal(m, upload.message)}${importForm(m, csrf(request), pasted)}`, upload.status);
    const csv = upload.kind === 'file' ? upload.text.trim() : pasted;
    const from = upload.kind === 'file' ? html`<p>${m.checked[0]}<strong>${upload.name}</strong>${m.checked[1]}</p>` : html``;
    const importing = formField(request.body, 'mode') === 'import';
    const read = readImportCsv(csv);
    if (!read.ok) return page(request, reply, html`<h1>${m.title}</h1>${from}${errorList(m, read.errors)}${importForm(m, csrf(request), csv)}`, 400);
    const dryRun = async (status: number, warning?: string) => {
      const plan = await deps.stationImport.plan(read.rows);
      const ok = plan.errors.length === 0;
      const main = html`<h1>${m.dryRunTitle}</h1>${warning && html`<p class="field-error" role="alert">${warning}</p>`}${from}${ok ? '' : errorList(m, plan.errors)}${planList(m, plan)}${importForm(m, csrf(request), csv, ok ? planDigest(plan) : undefined)}`;
      return page(request, reply, main, ok ? status : 400);
    };
    if (!importing) return dryRun(200);
    // Import is only ever the plan a dry run showed: a chosen file or edited
    // text, or stations changed since, are shown as a new dry run instead.
    const shown = formField(request.body, 'shown');
    if (upload.kind === 'file' || shown === '') return dryRun(409, m.checkFirst);
    const r = await deps.stationImport.run(read.rows, shown);
    if (!r.ok && r.stale) return dryRun(409, m.changedSince);
    const changes = r.plan.steps.filter((s) => s.kind !== 'unchanged');
    await deps.audit.record({
      ...auditBy(deps, request),
      action: 'station.import',
      subjectType: 'station',
      subjectId: '*',
      outcome: r.ok ? 'ok' : 'invalid',
      detail: r.ok ? { rows: read.rows.length, steps: changes.map((s) => `${s.kind} ${'stationId' in s ? s.stationId : s.connectorId}`) } : { rows: read.rows.length, errors: r.plan.errors.length },
    });
    if (!r.ok) return page(request, reply, html`<h1>${m.title}</h1>${errorList(m, r.plan.errors)}${planList(m, r.plan)}${importForm(m, csrf(request), csv)}`, 400);
    const main = html`<h1>${m.doneTitle}</h1>${createdList(m, deps.publicUrl, r.created)}${planList(m, r.plan)}<p><a href="/console/stations">${m.back}</a></p>`;
    return page(request, reply, main, 201, m.imported(changes.length));
  }
}
