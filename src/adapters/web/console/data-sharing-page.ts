import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows } from '../../../core/operator-role.ts';
import type { OcpiPartner } from '../../../usecases/ocpi/ocpi-partner.ts';
import type { PartnerAdmin } from '../../../usecases/ocpi/partner-admin.ts';
import { versionsUrl, type OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';
import { textOf } from './i18n/console-language.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';

const owner = { config: { role: 'owner' as const } };

// A delay in seconds as the page shows it: tenths under ten seconds.
const secondsOf = (ms: number) => (ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000));

// The push figures of a partner (docs/ocpi.md, "Pushing changes"): the last
// push it took, the failures since, the pushes waiting in its queue, and the
// delay: how long the oldest waiting push has waited, or with none waiting,
// how long the last one took from its change to the partner's answer. A
// partner without a push endpoint has nothing to queue.
function pushCells(p: OcpiPartner, t: Messages, now: Date): SafeHtml {
  const m = t.sharing;
  const pushes = p.endpoints.some((e) => e.role === 'RECEIVER' && (e.identifier === 'locations' || e.identifier === 'tariffs'));
  const failures = html`${p.push.failures}${p.push.lastError && html` <span class="muted">${m.lastError(p.push.lastError)}</span>`}`;
  if (!pushes) return html`<td>${p.push.lastAt ? formatOslo(p.push.lastAt) : m.never}</td><td>${failures}</td><td colspan="2" class="muted">${m.notPushing}</td>`;
  const { queued, waitingSince, lastDelayMs } = p.push;
  const delay =
    queued > 0 && waitingSince
      ? m.waiting(secondsOf(Math.max(0, now.getTime() - Date.parse(waitingSince))))
      : lastDelayMs !== null
        ? m.seconds(secondsOf(lastDelayMs))
        : '–';
  return html`<td>${p.push.lastAt ? formatOslo(p.push.lastAt) : m.never}</td><td>${failures}</td><td>${queued}</td><td>${delay}</td>`;
}

function partnerRow(p: OcpiPartner, t: Messages, unregister: SafeHtml | false, now: Date): SafeHtml {
  const m = t.sharing;
  const roles = p.roles.length === 0 ? html`<span class="muted">–</span>` : html`${p.roles.map((r) => html`<span>${r.role} ${r.countryCode}*${r.partyId}</span> `)}`;
  const badge = p.state === 'registered' ? 'ok' : p.state === 'unregistered' ? 'off' : 'warn';
  return html`<tr><td>${p.name}${unregister && html` ${unregister}`}</td><td>${roles}</td><td>${m.origins[p.origin]}</td><td><span class="badge ${badge}">${m.states[p.state]}</span></td><td>${p.version ?? '–'}</td>${pushCells(p, t, now)}</tr>`;
}

// "Data sharing": each OCPI partner with its role, state and push figures;
// owners make a Token A here and unregister partners (docs/ocpi.md).
export function registerDataSharingRoutes(app: FastifyInstance, deps: ConsoleRouteDeps, o: { partners: PartnerAdmin; platform: OurPlatform }): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, status: number, p: { notice?: string; problem?: string; extra?: SafeHtml; name?: string; errors?: FieldErrors } = {}) => {
    const { user, csrfToken } = deps.auth.current(request);
    const t = textOf(request);
    const m = t.sharing;
    const isOwner = roleAllows(user.role, 'owner');
    const unregister = (partner: OcpiPartner) =>
      isOwner &&
      partner.state !== 'unregistered' &&
      html`<form class="inline" method="post" action="/console/data-sharing/${encodeURIComponent(partner.id)}/unregister">${csrfField(csrfToken)}<button type="submit" class="danger">${m.unregister}</button></form>`;
    const partners = await o.partners.list();
    const table =
      partners.length === 0
        ? html`<p>${m.none}</p>`
        : html`<table><thead><tr><th scope="col">${m.headName}</th><th scope="col">${m.headRole}</th><th scope="col">${m.headOrigin}</th><th scope="col">${m.headState}</th><th scope="col">${m.headVersion}</th><th scope="col">${m.headLastPush}</th><th scope="col">${m.headFailures}</th><th scope="col">${m.headQueue}</th><th scope="col">${m.headDelay}</th></tr></thead>
<tbody>${partners.map((partner) => partnerRow(partner, t, unregister(partner), deps.now()))}</tbody></table>`;
    const tokenForm =
      isOwner &&
      o.platform.partyId &&
      html`<h2 id="new-token-a">${m.tokenATitle}</h2><form class="stack card" method="post" action="/console/data-sharing/token-a" aria-labelledby="new-token-a">${csrfField(csrfToken)}
${field({ name: 'name', label: m.tokenAName, value: p.name ?? '', errors: p.errors ?? {}, required: true, hint: m.tokenANameHint })}<div><button type="submit">${m.makeTokenA}</button></div></form>`;
    const main = html`<h1>${m.title}</h1><p>${m.intro}</p>${p.extra}${table}
<section class="card" aria-labelledby="connect-title"><h2 id="connect-title">${m.connectTitle}</h2>
${o.platform.partyId ? html`<p>${m.versionsUrl}: <code id="ocpi-versions-url">${versionsUrl(o.platform)}</code></p><p>${m.connectHow}</p>` : html`<p class="problem">${m.noParty}</p>`}</section>${tokenForm}`;
    return sendPage(deps, request, reply, { title: m.title, section: 'sharing', main, ...(p.notice ? { notice: p.notice } : {}), ...(p.problem ? { problem: p.problem } : {}) }, status);
  };

  app.get('/console/data-sharing', async (request, reply) => show(request, reply, 200));

  app.post('/console/data-sharing/token-a', owner, async (request, reply) => {
    const t = textOf(request);
    const name = formField(request.body, 'name');
    const made = await o.partners.createTokenA(name);
    if (!made.ok) return show(request, reply, 400, { name, errors: { name: made.problem }, problem: made.problem });
    await deps.audit.record({ ...auditBy(deps, request), action: 'ocpi.token_a', subjectType: 'ocpi_partner', subjectId: made.partner.id, outcome: 'ok', detail: { name: made.partner.name } });
    const extra = html`<section class="card" aria-labelledby="token-a-title"><h2 id="token-a-title">${t.sharing.tokenATitle}</h2><p><strong>${t.sharing.tokenAShown(made.partner.name)}</strong></p><div class="secret" id="ocpi-token-a">${made.token}</div></section>`;
    return show(request, reply, 201, { extra });
  });

  app.post<{ Params: { id: string } }>('/console/data-sharing/:id/unregister', owner, async (request, reply) => {
    const m = textOf(request).sharing;
    const r = await o.partners.unregister(request.params.id);
    if (!r.ok) return show(request, reply, r.reason === 'not_found' ? 404 : 409, { problem: r.reason === 'not_found' ? m.noPartner : m.unregisteredAlready });
    await deps.audit.record({ ...auditBy(deps, request), action: 'ocpi.unregister', subjectType: 'ocpi_partner', subjectId: r.partner.id, outcome: 'ok', detail: { told: r.told } });
    const told = r.told === 'yes' ? m.told.yes : r.told === 'no_endpoint' ? m.told.no_endpoint : m.told.failed(r.told);
    return show(request, reply, 200, { notice: m.unregistered(r.partner.name, told) });
  });
}
