import type { FastifyInstance } from 'fastify';
import type { PasswordStatus } from '../../ocpp/station-doors.ts';
import type { Lockout } from '../../ocpp/station-lockouts.ts';
import { STATION_PASSWORD_RULE } from '../../security/secret-strength.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorOf, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { ocppUrl, secretBlock } from './station-forms.ts';

const STRENGTH_TEXT: Record<PasswordStatus['strength'], { badge: string; text: string }> = {
  strong: { badge: 'ok', text: 'strong (160 bits generated, or checked to be worth 128)' },
  unchecked: { badge: 'bad', text: 'set before Ladepay checked strength: it may be a guessable hand-picked one. Change it.' },
  weak: { badge: 'bad', text: 'an old short password (kept with scrypt): guessable, slower to check and it shows by timing that the station exists. Change it.' },
};

// The station page's card for its OCPP password and the lockouts on it.
export function credentialsCard(o: { stationId: string; status: PasswordStatus; lockouts: Lockout[]; csrf: string; online: boolean; errors?: FieldErrors }): SafeHtml {
  const id = encodeURIComponent(o.stationId);
  const s = STRENGTH_TEXT[o.status.strength];
  const second = o.status.second;
  return html`<section class="card" aria-labelledby="credentials-title"><h2 id="credentials-title">OCPP password</h2>
<p><span class="badge ${s.badge}">${o.status.strength}</span> ${s.text}</p>
${second ? html`<p>${second.role === 'next' ? 'A new password was sent and not confirmed: both are valid' : 'Changed: the old password stays valid'} until ${formatOslo(second.validUntil.toISOString())}, or until the station connects with the new one.</p>` : ''}
<form class="actions" method="post" action="/console/stations/${id}/password/rotate">${csrfField(o.csrf)}
<button type="submit"${o.online ? '' : html` disabled`}>Change over OCPP</button>
<span class="hint">${o.online ? 'Ladepay makes a new password and sends it to the station; the old one stays valid until it reconnects with the new one.' : 'Only while the station is online.'}</span></form>
<form class="stack" method="post" action="/console/stations/${id}/password">${csrfField(o.csrf)}
${field({ name: 'password', label: 'Set a new password by hand', errors: o.errors ?? {}, type: 'password', hint: `optional: ${STATION_PASSWORD_RULE}`, attrs: html` autocomplete="new-password"` })}
<div><button type="submit" class="secondary">Set password</button></div></form>
${lockoutTable(o.lockouts, o.csrf, `/console/stations/${id}`)}</section>`;
}

export function lockoutTable(lockouts: Lockout[], csrf: string, back: string): SafeHtml {
  if (lockouts.length === 0) return html`<p class="muted">No lockouts in force.</p>`;
  return html`<table><caption>Lockouts after failed passwords</caption><thead><tr><th scope="col">Station</th><th scope="col">From address</th><th scope="col">Failures</th><th scope="col">Until</th><th scope="col"></th></tr></thead><tbody>
${lockouts.map(
  (l) => html`<tr><td class="mono">${l.stationId ?? 'every station'}</td><td class="mono">${l.address}</td><td>${l.failures}</td><td>${formatOslo(l.lockedUntil.toISOString())}</td>
<td><form method="post" action="/console/lockouts/${l.id}/lift">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="secondary">Lift</button></form></td></tr>`,
)}</tbody></table>`;
}

export function registerStationCredentialRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const notFound = html`<h1>No such station</h1>`;
  const back = (id: string) => html`<p><a href="/console/stations/${encodeURIComponent(id)}">Back to the station</a></p>`;

  // By hand: a password the operator picked (checked), or a generated one.
  app.post<{ Params: { id: string } }>('/console/stations/:id/password', async (request, reply) => {
    const station = await deps.stations.get(request.params.id);
    if (!station) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
    const made = await deps.doors.setPassword(station.id, formField(request.body, 'password'));
    if (!made.ok) {
      const main = html`<h1>New password for ${station.name}</h1><p class="field-error">${made.problem}</p>${back(station.id)}`;
      return sendPage(deps, request, reply, { title: 'New password', section: 'stations', main, problem: made.problem }, 400);
    }
    await deps.audit.record({ at: deps.now().toISOString(), actor: actorOf(deps, request), action: 'station.new_password', subjectType: 'station', subjectId: station.id, outcome: 'ok', detail: {} });
    const main = html`<h1>New password for ${station.name}</h1>
<p>The old password no longer works for new connections; a station connected now stays connected until it reconnects.</p>
${secretBlock({ stationId: station.id, password: made.password, ocppUrl: ocppUrl(deps.publicUrl, station.id) })}${back(station.id)}`;
    return sendPage(deps, request, reply, { title: 'New password', section: 'stations', main });
  });

  app.post<{ Params: { id: string } }>('/console/stations/:id/password/rotate', async (request, reply) => {
    const station = await deps.stations.get(request.params.id);
    if (!station) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
    const r = await deps.doors.rotate(station.id);
    await deps.audit.record({ at: deps.now().toISOString(), actor: actorOf(deps, request), action: 'station.rotate_password', subjectType: 'station', subjectId: station.id, outcome: r.outcome, detail: {} });
    const until = r.validUntil ? formatOslo(r.validUntil.toISOString()) : '';
    const said: Record<typeof r.outcome, SafeHtml> = {
      accepted: html`<p id="rotation-outcome">The station accepted its new password. The old one stays valid until it reconnects with the new one, at the latest until ${until}.</p>`,
      rejected: html`<p id="rotation-outcome">The station refused the new password; it keeps the old one.</p>`,
      offline: html`<p id="rotation-outcome">The station is not connected; nothing was sent.</p>`,
      timeout: html`<p id="rotation-outcome">The station did not answer. It may have taken the new password: both stay valid until ${until}, and the new one becomes the password when the station connects with it.</p>`,
      error: html`<p id="rotation-outcome">The station answered with an error. It may have taken the new password: both stay valid until ${until}.</p>`,
    };
    const main = html`<h1>Password change for ${station.name}</h1>${said[r.outcome]}
${r.password ? secretBlock({ stationId: station.id, password: r.password, ocppUrl: ocppUrl(deps.publicUrl, station.id) }) : ''}${back(station.id)}`;
    return sendPage(deps, request, reply, { title: 'Password change', section: 'stations', main }, r.outcome === 'offline' ? 409 : 200);
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
