import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationResult, Operator } from '../../../usecases/operator/station-operations.ts';
import { TRIGGER_MESSAGES, type ConfigurationRead, type ResetKind, type StationAnswer, type TransferAnswer, type TriggerMessage } from '../../../usecases/ports/charger-operations.ts';
import type { Station } from '../../../usecases/ports/operator-stations.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorOf, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { csrfField } from './layout.ts';
import { osloLocalToUtc } from './oslo-time.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';

type Parsed<I> = { ok: true; input: I } | { ok: false; problem: string };
type Answer = StationAnswer | ConfigurationRead;

interface OperationForm<I, A extends Answer> {
  path: string;
  // Its title ("Reset") and its name in the answer's sentence ("reset"), in the messages.
  op: keyof Messages['operations']['titles'];
  parse(body: unknown, m: Messages['operations']): Parsed<I>;
  run(stationId: string, input: I, who: Operator): Promise<OperationResult<A>>;
  shown?(answer: A, page: { stationId: string; csrf: string; t: Messages }): SafeHtml;
}

const number = (text: string): number | undefined => (/^\d{1,4}$/.test(text) ? Number(text) : undefined);

function transferShown(a: TransferAnswer, page: { t: Messages }): SafeHtml {
  const m = page.t.operations;
  return html`${a.fileName ? html`<p>${m.file}: <code>${a.fileName}</code></p>` : ''}${a.requestId !== undefined ? html`<p>${m.requestId}: ${a.requestId}</p>` : ''}<p>${m.progressNote}</p>`;
}

function configurationShown(read: ConfigurationRead, stationId: string, csrf: string, m: Messages['operations']): SafeHtml {
  if (read.entries.length === 0) return html``;
  const action = `/console/stations/${encodeURIComponent(stationId)}/operations/configuration/change`;
  return html`<table id="configuration"><thead><tr><th scope="col">${m.key}</th><th scope="col">${m.value}</th><th scope="col">${m.answer}</th><th scope="col">${m.change}</th></tr></thead><tbody>
${read.entries.map(
  (e) => html`<tr><td class="mono">${e.key}</td><td class="mono">${e.value ?? '–'}</td><td>${e.status}${e.readonly ? m.readonly : ''}</td>
<td>${e.readonly || e.status !== 'Accepted' ? '' : html`<form class="actions" method="post" action="${action}" aria-label="${m.changeOf(e.key)}">${csrfField(csrf)}<input type="hidden" name="key" value="${e.key}"><input type="text" name="value" value="${e.value ?? ''}" aria-label="${m.newValueOf(e.key)}"><button type="submit" class="secondary">${m.change}</button></form>`}</td></tr>`,
)}</tbody></table>`;
}

// The Operations card's forms (station-operations-card.ts): each runs the
// use case and shows the station's answer; an operation that would cut a
// charging session short shows a confirmation first.
export function registerStationOperationRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const ops = deps.operations;
  const notFound = (t: Messages) => ({ title: t.common.notFound, section: 'stations' as const, main: html`<h1>${t.common.noSuchStation}</h1>` });

  function register<I, A extends Answer>(form: OperationForm<I, A>): void {
    app.post<{ Params: { id: string } }>(`/console/stations/:id/operations/${form.path}`, async (request, reply) => {
      const t = textOf(request);
      const m = t.operations;
      const title = m.titles[form.op];
      const station = await deps.stations.get(request.params.id);
      if (!station) return sendPage(deps, request, reply, notFound(t), 404);
      const parsed = form.parse(request.body, m);
      if (!parsed.ok) return result(request, reply, station, title, html`<p class="field-error" id="operation-answer">${parsed.problem}</p>`, 400, parsed.problem);
      const who: Operator = { actor: actorOf(deps, request), address: request.ip, confirm: formField(request.body, 'confirm') === 'yes' };
      const r = await form.run(station.id, parsed.input, who);
      if (r.ok) {
        const extra = form.shown ? form.shown(r.answer, { stationId: station.id, csrf: deps.auth.current(request).csrfToken, t }) : html``;
        return result(request, reply, station, title, html`<p id="operation-answer" role="status">${m.answerText(m.what_[form.op], r.answer)}</p>${extra}`, 200);
      }
      if (r.reason === 'not_found') return sendPage(deps, request, reply, notFound(t), 404);
      if (r.reason === 'charging') return confirmPage(request, reply, station, form, m.chargingText(r.charging));
      const status = r.reason === 'offline' ? 409 : 400;
      return result(request, reply, station, title, html`<p class="field-error" id="operation-answer">${m.refusalText(r)}</p>`, status, m.refusalText(r));
    });
  }

  function result(request: FastifyRequest, reply: FastifyReply, st: Station, title: string, body: SafeHtml, status: number, problem?: string) {
    const main = html`<h1>${title}: ${st.name} <span class="muted mono">${st.id}</span></h1>${body}
<p><a href="/console/stations/${encodeURIComponent(st.id)}">${textOf(request).stations.backToStation}</a></p>`;
    return sendPage(deps, request, reply, { title: `${title}: ${st.name}`, section: 'stations', main, ...(problem ? { problem } : {}) }, status);
  }

  // The same form again, with every field as sent and confirm=yes.
  function confirmPage<I, A extends Answer>(request: FastifyRequest, reply: FastifyReply, st: Station, form: OperationForm<I, A>, warning: string) {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const fields = Object.entries(body).filter(([k, v]) => k !== '_csrf' && k !== 'confirm' && typeof v === 'string');
    const t = textOf(request);
    const title = t.operations.titles[form.op];
    const main = html`<h1>${title}: ${st.name}?</h1>
<p class="problem" role="alert" id="operation-warning">${warning}</p>
<form class="actions" method="post" action="/console/stations/${encodeURIComponent(st.id)}/operations/${form.path}">${csrfField(deps.auth.current(request).csrfToken)}
${fields.map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`)}<input type="hidden" name="confirm" value="yes">
<button type="submit">${t.operations.anyway(title)}</button> <a href="/console/stations/${encodeURIComponent(st.id)}">${t.common.cancel}</a></form>`;
    return sendPage(deps, request, reply, { title: `${title}: ${st.name}?`, section: 'stations', main });
  }

  register<ResetKind, StationAnswer>({
    path: 'reset',
    op: 'reset',
    parse: (b, m) => {
      const kind = formField(b, 'kind');
      return kind === 'soft' || kind === 'hard' ? { ok: true, input: kind } : { ok: false, problem: m.chooseReset };
    },
    run: (id, kind, who) => ops.reset(id, kind, who),
  });

  register({
    path: 'unlock',
    op: 'unlock',
    parse: (b, m) => {
      const no = number(formField(b, 'connectorNo'));
      return no !== undefined && no > 0 ? { ok: true, input: no } : { ok: false, problem: m.chooseConnector };
    },
    run: (id, no, who) => ops.unlock(id, no, who),
  });

  register({
    path: 'availability',
    op: 'availability',
    parse: (b, m) => {
      const no = number(formField(b, 'connectorNo'));
      const available = formField(b, 'available');
      if (no === undefined || (available !== 'yes' && available !== 'no')) return { ok: false, problem: m.chooseAvailability };
      return { ok: true, input: { no, available: available === 'yes' } };
    },
    run: (id, i, who) => ops.setAvailability(id, i.no, i.available, who),
  });

  register<string[], ConfigurationRead>({
    path: 'configuration',
    op: 'configuration',
    parse: (b, m) => {
      const keys = formField(b, 'keys').split(/[\s,]+/).filter((k) => k !== '');
      return keys.length <= 50 && keys.every((k) => k.length <= 100) ? { ok: true, input: keys } : { ok: false, problem: m.tooManyKeys };
    },
    run: (id, keys, who) => ops.readConfiguration(id, keys, who),
    shown: (read, page) => configurationShown(read, page.stationId, page.csrf, page.t.operations),
  });
  register({
    path: 'configuration/change',
    op: 'configurationChange',
    parse: (b) => ({ ok: true, input: { key: formField(b, 'key'), value: formField(b, 'value') } }),
    run: (id, i, who) => ops.changeConfiguration(id, i.key, i.value, who),
  });

  register({
    path: 'trigger',
    op: 'trigger',
    parse: (b, m) => {
      const message = formField(b, 'message');
      const no = number(formField(b, 'connectorNo') || '0');
      if (!(TRIGGER_MESSAGES as readonly string[]).includes(message) || no === undefined) return { ok: false, problem: m.chooseTrigger };
      return { ok: true, input: { message: message as TriggerMessage, no } };
    },
    run: (id, i, who) => ops.trigger(id, i.message, i.no === 0 ? undefined : i.no, who),
  });

  register<{ location: string; at: Date }, TransferAnswer>({
    path: 'firmware',
    op: 'firmware',
    parse: (b, m) => {
      const when = formField(b, 'retrieveAt');
      const at = when === '' ? deps.now() : osloLocalToUtc(when);
      return at ? { ok: true, input: { location: formField(b, 'location'), at } } : { ok: false, problem: m.badDownloadTime };
    },
    run: (id, i, who) => ops.updateFirmware(id, i.location, i.at, who),
    shown: transferShown,
  });

  register<string, TransferAnswer>({
    path: 'diagnostics',
    op: 'diagnostics',
    parse: (b) => ({ ok: true, input: formField(b, 'location') }),
    run: (id, location, who) => ops.uploadDiagnostics(id, location, who),
    shown: transferShown,
  });
}
