import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Alert } from '../../../core/alerts/alert.ts';
import { THRESHOLD_FIELDS, type AlertThresholds, type ThresholdProblems } from '../../../core/alerts/alert-thresholds.ts';
import { roleAllows } from '../../../core/operator-role.ts';
import { ALERT_RULES, type AlertRule } from '../../../core/vocabulary/alert-rules.ts';
import type { AcknowledgeOutcome } from '../../../usecases/ports/alerts.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorOf, auditBy, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';

export const RULE_LABELS: Record<AlertRule, string> = {
  station_offline: 'Station offline',
  connector_faulted: 'Connector faulted',
  outbox_dead: 'Side effect dead',
  session_flagged: 'Session flagged',
  webhook_failing: 'Alert deliveries failing',
  vipps_errors: 'Vipps errors',
};

const ACK_REFUSED: Record<Exclude<AcknowledgeOutcome, 'ok'>, [number, string]> = {
  not_found: [404, 'No such alert.'],
  resolved: [409, 'This alert is resolved already.'],
  already: [409, 'This alert was acknowledged already.'],
};

type Params = { Params: { id: string } };

function alertRow(a: Alert, ack: SafeHtml | false): SafeHtml {
  return html`<tr><td>${formatOslo(a.openedAt)}</td><td>${RULE_LABELS[a.rule]}</td><td>${a.summary}</td>
<td>${a.acknowledgedAt ? html`${a.acknowledgedBy} <span class="muted">${formatOslo(a.acknowledgedAt)}</span>` : ack || html`<span class="muted">not yet</span>`}</td></tr>`;
}

// The open alerts for the console's home page: nothing when all is well.
export function openAlertsPanel(open: readonly Alert[]): SafeHtml | false {
  if (open.length === 0) return false;
  const shown = open.slice(0, 10);
  return html`<section class="card" aria-labelledby="open-alerts"><h2 id="open-alerts"><a href="/console/alerts">${open.length} open ${open.length === 1 ? 'alert' : 'alerts'}</a></h2>
<ul>${shown.map((a) => html`<li><span class="badge ${a.acknowledgedAt ? 'warn' : 'bad'}">${RULE_LABELS[a.rule]}</span> ${a.summary} <span class="muted">since ${formatOslo(a.openedAt)}</span></li>`)}</ul>
${open.length > shown.length && html`<p><a href="/console/alerts">All ${open.length} open alerts</a></p>`}</section>`;
}

function thresholdsForm(t: AlertThresholds, csrf: string, errors: FieldErrors, editable: boolean): SafeHtml {
  const fields = (Object.keys(THRESHOLD_FIELDS) as Array<keyof typeof THRESHOLD_FIELDS>).map((name) =>
    field({ name, label: THRESHOLD_FIELDS[name].label, value: String(t[name]), errors, type: 'number', required: true, attrs: editable ? html` min="${THRESHOLD_FIELDS[name].min}" max="${THRESHOLD_FIELDS[name].max}"` : html` readonly` }),
  );
  const off = html`<fieldset><legend>Rules switched off</legend>${ALERT_RULES.map(
    (r) => html`<label class="check"><input type="checkbox" name="off" value="${r}"${t.off.includes(r) ? html` checked` : ''}${editable ? '' : html` disabled`}> ${RULE_LABELS[r]}</label> `,
  )}${errors.off && html`<span class="field-error">${errors.off}</span>`}</fieldset>`;
  if (!editable) return html`<div class="stack">${fields}${off}<p class="muted">Owners change the thresholds.</p></div>`;
  return html`<form class="stack" method="post" action="/console/alerts/settings">${csrfField(csrf)}${fields}${off}<div><button type="submit">Save thresholds</button></div></form>`;
}

// Open alerts (operators acknowledge them), the thresholds (owners change
// them), and the alerts resolved lately.
export function registerAlertRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, status = 200, o: { notice?: string; problem?: string; form?: AlertThresholds; errors?: FieldErrors } = {}) => {
    const { user, csrfToken } = deps.auth.current(request);
    const { open, resolved } = await deps.alerts.list();
    const canAck = roleAllows(user.role, 'operator');
    const ack = (a: Alert) =>
      canAck && html`<form class="inline" method="post" action="/console/alerts/${encodeURIComponent(a.id)}/acknowledge">${csrfField(csrfToken)}<button type="submit" class="secondary">Acknowledge</button></form>`;
    const main = html`<h1>Alerts</h1>
<section class="card" aria-labelledby="open-title"><h2 id="open-title">Open</h2>
${open.length === 0 ? html`<p>No open alerts.</p>` : html`<table><thead><tr><th scope="col">Since</th><th scope="col">Rule</th><th scope="col">What</th><th scope="col">Acknowledged</th></tr></thead>
<tbody>${open.map((a) => alertRow(a, ack(a)))}</tbody></table>`}</section>
<section class="card" aria-labelledby="thresholds-title"><h2 id="thresholds-title">Thresholds</h2>
${thresholdsForm(o.form ?? (await deps.alerts.thresholds()), csrfToken, o.errors ?? {}, roleAllows(user.role, 'owner'))}</section>
<section class="card" aria-labelledby="resolved-title"><h2 id="resolved-title">Resolved lately</h2>
${resolved.length === 0 ? html`<p class="muted">None.</p>` : html`<table><thead><tr><th scope="col">Opened</th><th scope="col">Resolved</th><th scope="col">Rule</th><th scope="col">What</th></tr></thead>
<tbody>${resolved.map((a) => html`<tr><td>${formatOslo(a.openedAt)}</td><td>${formatOslo(a.resolvedAt)}</td><td>${RULE_LABELS[a.rule]}</td><td>${a.summary}</td></tr>`)}</tbody></table>`}</section>`;
    return sendPage(deps, request, reply, { title: 'Alerts', section: 'alerts', main, ...(o.notice ? { notice: o.notice } : {}), ...(o.problem ? { problem: o.problem } : {}) }, status);
  };

  app.get('/console/alerts', async (request, reply) => show(request, reply));

  app.post<Params>('/console/alerts/:id/acknowledge', async (request, reply) => {
    const outcome = await deps.alerts.acknowledge(request.params.id, actorOf(deps, request));
    await deps.audit.record({ ...auditBy(deps, request), action: 'alert.acknowledge', subjectType: 'alert', subjectId: request.params.id, outcome, detail: {} });
    if (outcome !== 'ok') return show(request, reply, ACK_REFUSED[outcome][0], { problem: ACK_REFUSED[outcome][1] });
    return show(request, reply, 200, { notice: 'Alert acknowledged. It stays open until its condition is gone.' });
  });

  app.post('/console/alerts/settings', { config: { role: 'owner' } }, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const r = await deps.alerts.saveThresholds(body);
    if (!r.ok) {
      const errors: FieldErrors = { ...(r.problems as ThresholdProblems) } as FieldErrors;
      const form = { ...(await deps.alerts.thresholds()), ...pickNumbers(body) };
      return show(request, reply, 400, { problem: problemSummary(errors) ?? '', form, errors });
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'alert.thresholds', subjectType: 'alert_settings', subjectId: 'thresholds', outcome: 'ok', detail: { ...r.value } });
    return show(request, reply, 200, { notice: 'Thresholds saved; the rules are being evaluated with them now.' });
  });
}

// What was typed, shown back beside its error (numbers as text).
function pickNumbers(body: Record<string, unknown>): AlertThresholds {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(THRESHOLD_FIELDS)) if (typeof body[name] === 'string') out[name] = body[name];
  return out as unknown as AlertThresholds;
}
