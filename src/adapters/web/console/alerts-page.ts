import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Alert } from '../../../core/alerts/alert.ts';
import { THRESHOLD_FIELDS, type AlertThresholds, type ThresholdProblems } from '../../../core/alerts/alert-thresholds.ts';
import { roleAllows } from '../../../core/operator-role.ts';
import { ALERT_RULES } from '../../../core/vocabulary/alert-rules.ts';
import type { AcknowledgeOutcome } from '../../../usecases/ports/alerts.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorOf, auditBy, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';

const ACK_STATUS: Record<Exclude<AcknowledgeOutcome, 'ok'>, number> = { not_found: 404, resolved: 409, already: 409 };

type Params = { Params: { id: string } };

function alertRow(a: Alert, ack: SafeHtml | false, t: Messages): SafeHtml {
  return html`<tr><td>${formatOslo(a.openedAt)}</td><td>${t.alerts.rules[a.rule]}</td><td>${a.summary}</td>
<td>${a.acknowledgedAt ? html`${a.acknowledgedBy} <span class="muted">${formatOslo(a.acknowledgedAt)}</span>` : ack || html`<span class="muted">${t.alerts.notYet}</span>`}</td></tr>`;
}

// The open alerts for the console's home page: nothing when all is well.
export function openAlertsPanel(open: readonly Alert[], t: Messages): SafeHtml | false {
  if (open.length === 0) return false;
  const shown = open.slice(0, 10);
  return html`<section class="card" aria-labelledby="open-alerts"><h2 id="open-alerts"><a href="/console/alerts">${t.alerts.openCount(open.length)}</a></h2>
<ul>${shown.map((a) => html`<li><span class="badge ${a.acknowledgedAt ? 'warn' : 'bad'}">${t.alerts.rules[a.rule]}</span> ${a.summary} <span class="muted">${t.alerts.since(formatOslo(a.openedAt))}</span></li>`)}</ul>
${open.length > shown.length && html`<p><a href="/console/alerts">${t.alerts.allOpen(open.length)}</a></p>`}</section>`;
}

function thresholdsForm(t: AlertThresholds, csrf: string, errors: FieldErrors, editable: boolean, m: Messages): SafeHtml {
  const fields = (Object.keys(THRESHOLD_FIELDS) as Array<keyof typeof THRESHOLD_FIELDS>).map((name) =>
    field({ name, label: m.alerts.thresholdLabels[name], value: String(t[name]), errors, type: 'number', required: true, attrs: editable ? html` min="${THRESHOLD_FIELDS[name].min}" max="${THRESHOLD_FIELDS[name].max}"` : html` readonly` }),
  );
  const off = html`<fieldset><legend>${m.alerts.rulesOff}</legend>${ALERT_RULES.map(
    (r) => html`<label class="check"><input type="checkbox" name="off" value="${r}"${t.off.includes(r) ? html` checked` : ''}${editable ? '' : html` disabled`}> ${m.alerts.rules[r]}</label> `,
  )}${errors.off && html`<span class="field-error">${errors.off}</span>`}</fieldset>`;
  if (!editable) return html`<div class="stack">${fields}${off}<p class="muted">${m.alerts.ownersChange}</p></div>`;
  return html`<form class="stack" method="post" action="/console/alerts/settings">${csrfField(csrf)}${fields}${off}<div><button type="submit">${m.alerts.saveThresholds}</button></div></form>`;
}

// Open alerts (operators acknowledge them), the thresholds (owners change
// them), and the alerts resolved lately.
export function registerAlertRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, status = 200, o: { notice?: string; problem?: string; form?: AlertThresholds; errors?: FieldErrors } = {}) => {
    const { user, csrfToken } = deps.auth.current(request);
    const { open, resolved } = await deps.alerts.list();
    const canAck = roleAllows(user.role, 'operator');
    const t = textOf(request);
    const m = t.alerts;
    const ack = (a: Alert) =>
      canAck && html`<form class="inline" method="post" action="/console/alerts/${encodeURIComponent(a.id)}/acknowledge">${csrfField(csrfToken)}<button type="submit" class="secondary">${m.acknowledge}</button></form>`;
    const main = html`<h1>${m.title}</h1>
<section class="card" aria-labelledby="open-title"><h2 id="open-title">${m.open}</h2>
${open.length === 0 ? html`<p>${m.noOpen}</p>` : html`<table><thead><tr><th scope="col">${m.headSince}</th><th scope="col">${m.headRule}</th><th scope="col">${m.headWhat}</th><th scope="col">${m.headAcknowledged}</th></tr></thead>
<tbody>${open.map((a) => alertRow(a, ack(a), t))}</tbody></table>`}</section>
<section class="card" aria-labelledby="thresholds-title"><h2 id="thresholds-title">${m.thresholds}</h2>
${thresholdsForm(o.form ?? (await deps.alerts.thresholds()), csrfToken, o.errors ?? {}, roleAllows(user.role, 'owner'), t)}</section>
<section class="card" aria-labelledby="resolved-title"><h2 id="resolved-title">${m.resolvedLately}</h2>
${resolved.length === 0 ? html`<p class="muted">${t.common.none}</p>` : html`<table><thead><tr><th scope="col">${m.headOpened}</th><th scope="col">${m.headResolved}</th><th scope="col">${m.headRule}</th><th scope="col">${m.headWhat}</th></tr></thead>
<tbody>${resolved.map((a) => html`<tr><td>${formatOslo(a.openedAt)}</td><td>${formatOslo(a.resolvedAt)}</td><td>${m.rules[a.rule]}</td><td>${a.summary}</td></tr>`)}</tbody></table>`}</section>`;
    return sendPage(deps, request, reply, { title: m.title, section: 'alerts', main, ...(o.notice ? { notice: o.notice } : {}), ...(o.problem ? { problem: o.problem } : {}) }, status);
  };

  app.get('/console/alerts', async (request, reply) => show(request, reply));

  app.post<Params>('/console/alerts/:id/acknowledge', async (request, reply) => {
    const outcome = await deps.alerts.acknowledge(request.params.id, actorOf(deps, request));
    await deps.audit.record({ ...auditBy(deps, request), action: 'alert.acknowledge', subjectType: 'alert', subjectId: request.params.id, outcome, detail: {} });
    if (outcome !== 'ok') return show(request, reply, ACK_STATUS[outcome], { problem: textOf(request).alerts.ackRefused[outcome] });
    return show(request, reply, 200, { notice: textOf(request).alerts.acknowledged });
  });

  app.post('/console/alerts/settings', { config: { role: 'owner' } }, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const r = await deps.alerts.saveThresholds(body);
    if (!r.ok) {
      const errors: FieldErrors = { ...(r.problems as ThresholdProblems) } as FieldErrors;
      const form = { ...(await deps.alerts.thresholds()), ...pickNumbers(body) };
      return show(request, reply, 400, { problem: problemSummary(errors, textOf(request)) ?? '', form, errors });
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'alert.thresholds', subjectType: 'alert_settings', subjectId: 'thresholds', outcome: 'ok', detail: { ...r.value } });
    return show(request, reply, 200, { notice: textOf(request).alerts.thresholdsSaved });
  });
}

// What was typed, shown back beside its error (numbers as text).
function pickNumbers(body: Record<string, unknown>): AlertThresholds {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(THRESHOLD_FIELDS)) if (typeof body[name] === 'string') out[name] = body[name];
  return out as unknown as AlertThresholds;
}
