import type { FastifyInstance } from 'fastify';
import type { PasswordStatus } from '../../ocpp/station-doors.ts';
import type { Lockout } from '../../ocpp/station-lockouts.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorOf, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { ocppUrl, secretBlock } from './station-forms.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';


const STRENGTH_TONE: Record<PasswordStatus['strength'], string> = { strong: 'ok', unchecked: 'bad', weak: 'bad' };

// The station page's card for its OCPP password and the lockouts on it.
export function credentialsCard(o: { stationId: string; status: PasswordStatus; lockouts: Lockout[]; csrf: string; online: boolean; errors?: FieldErrors }, t: Messages): SafeHtml {
  const m = t.stations;
  const id = encodeURIComponent(o.stationId);
  const strength = o.status.strength;
  const second = o.status.second;
  return html`<section class="card" aria-labelledby="credentials-title"><h2 id="credentials-title">${m.passwordTitle}</h2>
<p><span class="badge ${STRENGTH_TONE[strength]}" data-strength="${strength}">${m.strengthBadge[strength]}</span> ${m.strength[strength]}</p>
${second ? html`<p>${m.secondUntil(second.role === 'next' ? m.secondNext : m.secondPrevious, formatOslo(second.validUntil.toISOString()))}</p>` : ''}
<form class="actions" method="post" action="/console/stations/${id}/password/rotate">${csrfField(o.csrf)}
<button type="submit"${o.online ? '' : html` disabled`}>${m.rotate}</button>
<span class="hint">${o.online ? m.rotateHint : m.rotateOffline}</span></form>
<form class="stack" method="post" action="/console/stations/${id}/password">${csrfField(o.csrf)}
${field({ name: 'password', label: m.setByHand, errors: o.errors ?? {}, type: 'password', hint: m.optional(m.passwordRule), attrs: html` autocomplete="new-password"` })}
<div><button type="submit" class="secondary">${m.setPassword}</button></div></form>
${lockoutTable(o.lockouts, o.csrf, `/console/stations/${id}`, t)}</section>`;
}

export function lockoutTable(lockouts: Lockout[], csrf: string, back: string, t: Messages): SafeHtml {
  const m = t.stations;
  if (lockouts.length === 0) return html`<p class="muted">${m.noLockouts}</p>`;
  return html`<table><caption>${m.lockoutCaption}</caption><thead><tr><th scope="col">${t.common.station}</th><th scope="col">${m.fromAddress}</th><th scope="col">${m.failures}</th><th scope="col">${m.until}</th><th scope="col"></th></tr></thead><tbody>
${lockouts.map(
  (l) => html`<tr><td class="mono">${l.stationId ?? m.everyStation}</td><td class="mono">${l.address}</td><td>${l.failures}</td><td>${formatOslo(l.lockedUntil.toISOString())}</td>
<td><form method="post" action="/console/lockouts/${l.id}/lift">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="secondary">${m.lift}</button></form></td></tr>`,
)}</tbody></table>`;
}

export function registerStationCredentialRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const notFound = (t: Messages) => ({ title: t.common.notFound, section: 'stations' as const, main: html`<h1>${t.common.noSuchStation}</h1>` });
  const back = (id: string, t: Messages) => html`<p><a href="/console/stations/${encodeURIComponent(id)}">${t.stations.backToStation}</a></p>`;

  // By hand: a password the operator picked (checked), or a generated one.
  app.post<{ Params: { id: string } }>('/console/stations/:id/password', async (request, reply) => {
    const t = textOf(request);
    const m = t.stations;
    const station = await deps.stations.get(request.params.id);
    if (!station) return sendPage(deps, request, reply, notFound(t), 404);
    const made = await deps.doors.setPassword(station.id, formField(request.body, 'password'));
    if (!made.ok) {
      const main = html`<h1>${m.newPasswordFor(station.name)}</h1><p class="field-error">${made.problem}</p>${back(station.id, t)}`;
      return sendPage(deps, request, reply, { title: m.newPasswordTitle, section: 'stations', main, problem: made.problem }, 400);
    }
    await deps.audit.record({ at: deps.now().toISOString(), actor: actorOf(deps, request), action: 'station.new_password', subjectType: 'station', subjectId: station.id, outcome: 'ok', detail: {} });
    const main = html`<h1>${m.newPasswordFor(station.name)}</h1>
<p>${m.oldNoLonger}</p>
${secretBlock({ stationId: station.id, password: made.password, ocppUrl: ocppUrl(deps.publicUrl, station.id) }, t)}${back(station.id, t)}`;
    return sendPage(deps, request, reply, { title: m.newPasswordTitle, section: 'stations', main });
  });

  app.post<{ Params: { id: string } }>('/console/stations/:id/password/rotate', async (request, reply) => {
    const t = textOf(request);
    const m = t.stations;
    const station = await deps.stations.get(request.params.id);
    if (!station) return sendPage(deps, request, reply, notFound(t), 404);
    const r = await deps.doors.rotate(station.id);
    await deps.audit.record({ at: deps.now().toISOString(), actor: actorOf(deps, request), action: 'station.rotate_password', subjectType: 'station', subjectId: station.id, outcome: r.outcome, detail: {} });
    const until = r.validUntil ? formatOslo(r.validUntil.toISOString()) : '';
    const said: Record<typeof r.outcome, SafeHtml> = {
      accepted: html`<p id="rotation-outcome">${m.rotation.accepted(until)}</p>`,
      rejected: html`<p id="rotation-outcome">${m.rotation.rejected}</p>`,
      offline: html`<p id="rotation-outcome">${m.rotation.offline}</p>`,
      timeout: html`<p id="rotation-outcome">${m.rotation.timeout(until)}</p>`,
      error: html`<p id="rotation-outcome">${m.rotation.error(until)}</p>`,
    };
    const main = html`<h1>${m.passwordChangeFor(station.name)}</h1>${said[r.outcome]}
${r.password ? secretBlock({ stationId: station.id, password: r.password, ocppUrl: ocppUrl(deps.publicUrl, station.id) }, t) : ''}${back(station.id, t)}`;
    return sendPage(deps, request, reply, { title: m.passwordChangeTitle, section: 'stations', main }, r.outcome === 'offline' ? 409 : 200);
  });

  app.post<{ Params: { id: string } }>('/console/lockouts/:id/lift', async (request, reply) => {
    const id = Number(request.params.id);
    const lifted = Number.isSafeInteger(id) ? await deps.doors.lift(id, actorOf(deps, request)) : undefined;
    if (lifted) {
      await deps.audit.record({ at: deps.now().toISOString(), actor: actorOf(deps, request), action: 'station.lockout_lift', subjectType: 'station', subjectId: lifted.stationId ?? '*', outcome: 'ok', detail: { kind: lifted.kind, address: lifted.address } });
    }
    const to = formField(request.body, 'back');
    // Only back into the station pages, never elsewhere.
    const target = /^\/console\/stations(\/[\w%.-]+)?$/.test(to) ? to : '/console/stations';
    return reply.redirect(`${target}?notice=${lifted ? 'lockout-lifted' : 'lockout-gone'}`, 303);
  });
}
