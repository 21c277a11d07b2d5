import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationResult, Operator } from '../../../usecases/operator/station-operations.ts';
import { TRIGGER_MESSAGES, type ConfigurationRead, type ResetKind, type StationAnswer, type TransferAnswer, type TriggerMessage } from '../../../usecases/ports/charger-operations.ts';
import type { Station } from '../../../usecases/ports/operator-stations.ts';
import { html, type SafeHtml } from '../html.ts';
import { answerText, chargingText, refusalText } from '../operation-answer.ts';
import { actorOf, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { csrfField } from './layout.ts';
import { osloLocalToUtc } from './oslo-time.ts';

type Parsed<I> = { ok: true; input: I } | { ok: false; problem: string };
type Answer = StationAnswer | ConfigurationRead;

interface OperationForm<I, A extends Answer> {
  path: string;
  title: string; // "Reset"
  what: string; // "reset", in the answer's sentence
  parse(body: unknown): Parsed<I>;
  run(stationId: string, input: I, who: Operator): Promise<OperationResult<A>>;
  shown?(answer: A, page: { stationId: string; csrf: string }): SafeHtml;
}

const number = (text: string): number | undefined => (/^\d{1,4}$/.test(text) ? Number(text) : undefined);

function transferShown(a: TransferAnswer): SafeHtml {
  return html`${a.fileName ? html`<p>File: <code>${a.fileName}</code></p>` : ''}${a.requestId !== undefined ? html`<p>Request id: ${a.requestId}</p>` : ''}<p>The station’s progress shows on the station page as it reports it.</p>`;
}

function configurationShown(read: ConfigurationRead, stationId: string, csrf: string): SafeHtml {
  if (read.entries.length === 0) return html``;
  const action = `/console/stations/${encodeURIComponent(stationId)}/operations/configuration/change`;
  return html`<table id="configuration"><thead><tr><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Answer</th><th scope="col">Change</th></tr></thead><tbody>
${read.entries.map(
  (e) => html`<tr><td class="mono">${e.key}</td><td class="mono">${e.value ?? '–'}</td><td>${e.status}${e.readonly ? ' (read-only)' : ''}</td>
<td>${e.readonly || e.status !== 'Accepted' ? '' : html`<form class="actions" method="post" action="${action}" aria-label="Change ${e.key}">${csrfField(csrf)}<input type="hidden" name="key" value="${e.key}"><input type="text" name="value" value="${e.value ?? ''}" aria-label="New value of ${e.key}"><button type="submit" class="secondary">Change</button></form>`}</td></tr>`,
)}</tbody></table>`;
}

// The Operations card's forms (station-operations-card.ts): each runs the
// use case and shows the station's answer; an operation that would cut a
// charging session short shows a confirmation first.
export function registerStationOperationRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const ops = deps.operations;
  const notFound = html`<h1>No such station</h1>`;

  function register<I, A extends Answer>(form: OperationForm<I, A>): void {
    app.post<{ Params: { id: string } }>(`/console/stations/:id/operations/${form.path}`, async (request, reply) => {
      const station = await deps.stations.get(request.params.id);
      if (!station) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
      const parsed = form.parse(request.body);
      if (!parsed.ok) return result(request, reply, station, form.title, html`<p class="field-error" id="operation-answer">${parsed.problem}</p>`, 400, parsed.problem);
      const who: Operator = { actor: actorOf(deps, request), address: request.ip, confirm: formField(request.body, 'confirm') === 'yes' };
      const r = await form.run(station.id, parsed.input, who);
      if (r.ok) {
        const extra = form.shown ? form.shown(r.answer, { stationId: station.id, csrf: deps.auth.current(request).csrfToken }) : html``;
        return result(request, reply, station, form.title, html`<p id="operation-answer" role="status">${answerText(form.what, r.answer)}</p>${extra}`, 200);
      }
      if (r.reason === 'not_found') return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
      if (r.reason === 'charging') return confirmPage(request, reply, station, form, chargingText(r.charging));
      const status = r.reason === 'offline' ? 409 : 400;
      return result(request, reply, station, form.title, html`<p class="field-error" id="operation-answer">${refusalText(r)}</p>`, status, refusalText(r));
    });
  }

  function result(request: FastifyRequest, reply: FastifyReply, st: Station, title: string, body: SafeHtml, status: number, problem?: string) {
    const main = html`<h1>${title}: ${st.name} <span class="muted mono">${st.id}</span></h1>${body}
<p><a href="/console/stations/${encodeURIComponent(st.id)}">Back to the station</a></p>`;
    return sendPage(deps, request, reply, { title: `${title}: ${st.name}`, section: 'stations', main, ...(problem ? { problem } : {}) }, status);
  }

  // The same form again, with every field as sent and confirm=yes.
  function confirmPage<I, A extends Answer>(request: FastifyRequest, reply: FastifyReply, st: Station, form: OperationForm<I, A>, warning: string) {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const fields = Object.entries(body).filter(([k, v]) => k !== '_csrf' && k !== 'confirm' && typeof v === 'string');
    const main = html`<h1>${form.title}: ${st.name}?</h1>
<p class="problem" role="alert" id="operation-warning">${warning}</p>
<form class="actions" method="post" action="/console/stations/${encodeURIComponent(st.id)}/operations/${form.path}">${csrfField(deps.auth.current(request).csrfToken)}
${fields.map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`)}<input type="hidden" name="confirm" value="yes">
<button type="submit">${form.title} anyway</button> <a href="/console/stations/${encodeURIComponent(st.id)}">Cancel</a></form>`;
    return sendPage(deps, request, reply, { title: `${form.title}: ${st.name}?`, section: 'stations', main });
  }

  register<ResetKind, StationAnswer>({
    path: 'reset',
    title: 'Reset',
    what: 'reset',
    parse: (b) => {
      const kind = formField(b, 'kind');
      return kind === 'soft' || kind === 'hard' ? { ok: true, input: kind } : { ok: false, problem: 'Choose a soft or a hard reset.' };
    },
    run: (id, kind, who) => ops.reset(id, kind, who),
  });

  register({
    path: 'unlock',
    title: 'Unlock',
    what: 'unlock',
    parse: (b) => {
      const no = number(formField(b, 'connectorNo'));
      return no !== undefined && no > 0 ? { ok: true, input: no } : { ok: false, problem: 'Choose a connector.' };
    },
    run: (id, no, who) => ops.unlock(id, no, who),
  });

  register({
    path: 'availability',
    title: 'Availability',
    what: 'availability change',
    parse: (b) => {
      const no = number(formField(b, 'connectorNo'));
      const available = formField(b, 'available');
      if (no === undefined || (available !== 'yes' && available !== 'no')) return { ok: false, problem: 'Choose the station or a connector, and available or not.' };
      return { ok: true, input: { no, available: available === 'yes' } };
    },
    run: (id, i, who) => ops.setAvailability(id, i.no, i.available, who),
  });

  register<string[], ConfigurationRead>({
    path: 'configuration',
    title: 'Configuration',
    what: 'configuration read',
    parse: (b) => {
      const keys = formField(b, 'keys').split(/[\s,]+/).filter((k) => k !== '');
      return keys.length <= 50 && keys.every((k) => k.length <= 100) ? { ok: true, input: keys } : { ok: false, problem: 'At most 50 keys of at most 100 characters.' };
    },
    run: (id, keys, who) => ops.readConfiguration(id, keys, who),
    shown: (read, page) => configurationShown(read, page.stationId, page.csrf),
  });
  register({
    path: 'configuration/change',
    title: 'Configuration change',
    what: 'configuration change',
    parse: (b) => ({ ok: true, input: { key: formField(b, 'key'), value: formField(b, 'value') } }),
    run: (id, i, who) => ops.changeConfiguration(id, i.key, i.value, who),
  });

  register({
    path: 'trigger',
    title: 'Trigger',
    what: 'trigger',
    parse: (b) => {
      const message = formField(b, 'message');
      const no = number(formField(b, 'connectorNo') || '0');
      if (!(TRIGGER_MESSAGES as readonly string[]).includes(message) || no === undefined) return { ok: false, problem: 'Choose a message to trigger.' };
      return { ok: true, input: { message: message as TriggerMessage, no } };
    },
    run: (id, i, who) => ops.trigger(id, i.message, i.no === 0 ? undefined : i.no, who),
  });

  register<{ location: string; at: Date }, TransferAnswer>({
    path: 'firmware',
    title: 'Firmware update',
    what: 'firmware update',
    parse: (b) => {
      const when = formField(b, 'retrieveAt');
      const at = when === '' ? deps.now() : osloLocalToUtc(when);
      return at ? { ok: true, input: { location: formField(b, 'location'), at } } : { ok: false, problem: 'The download time must be a date and time.' };
    },
    run: (id, i, who) => ops.updateFirmware(id, i.location, i.at, who),
    shown: transferShown,
  });

  register<string, TransferAnswer>({
    path: 'diagnostics',
    title: 'Diagnostics upload',
    what: 'diagnostics upload',
    parse: (b) => ({ ok: true, input: formField(b, 'location') }),
    run: (id, location, who) => ops.uploadDiagnostics(id, location, who),
    shown: transferShown,
  });
}
