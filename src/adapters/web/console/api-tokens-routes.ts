import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRole, type Role } from '../../../core/operator-role.ts';
import type { ApiTokenAdmin } from '../../../usecases/operator/api-token-admin.ts';
import type { ApiToken } from '../../../usecases/ports/operator-api-tokens.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { roleLegend, roleSelect } from './role-select.ts';
import { textOf } from './i18n/console-language.ts';
import { problemSummary } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';


const owner = { config: { role: 'owner' as const } };

function tokenBlock(name: string, token: string, t: Messages): SafeHtml {
  return html`<section class="card" aria-labelledby="token-title"><h2 id="token-title">${t.tokens.tokenTitle(name)}</h2>
<p><strong>${t.users.shownOnlyNow}</strong> ${t.tokens.sendAs[0]}<code>Authorization: Bearer &lt;token&gt;</code>${t.tokens.sendAs[1]}</p>
<div class="secret" id="api-token">${token}</div></section>`;
}

// REST API tokens (owners only): list, make one with a role (shown once), revoke.
export function registerApiTokenRoutes(app: FastifyInstance, deps: ConsoleRouteDeps, o: { tokens: ApiTokenAdmin }): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, status: number, p: { form?: { name: string; role: Role }; errors?: FieldErrors; notice?: string; problem?: string; extra?: SafeHtml } = {}) => {
    const csrf = deps.auth.current(request).csrfToken;
    const tokens = await o.tokens.list();
    const form = p.form ?? { name: '', role: 'operator' };
    const t = textOf(request);
    const m = t.tokens;
    const main = html`<h1>${m.title}</h1>${p.extra}
<table><thead><tr><th scope="col">${t.common.name}</th><th scope="col">${t.roles.role}</th><th scope="col">${m.made}</th><th scope="col">${m.lastUsed}</th><th scope="col">${t.common.status}</th></tr></thead><tbody>
${tokens.map((token) => tokenRow(token, csrf, t))}</tbody></table>
<h2 id="new-token">${m.newToken}</h2>
<form class="stack card" method="post" action="/console/api-tokens" aria-labelledby="new-token">${csrfField(csrf)}
${field({ name: 'name', label: t.common.name, value: form.name, errors: p.errors ?? {}, required: true, hint: m.nameHint })}
${roleSelect(t, 'role', form.role)}
<div><button type="submit">${m.make}</button></div></form>
<section class="card"><h2>${t.roles.title}</h2>${roleLegend(t)}</section>`;
    return sendPage(deps, request, reply, { title: m.title, section: 'tokens', main, ...(p.notice ? { notice: p.notice } : {}), ...(p.problem ? { problem: p.problem } : {}) }, status);
  };

  app.get('/console/api-tokens', owner, async (request, reply) => show(request, reply, 200));

  app.post('/console/api-tokens', owner, async (request, reply) => {
    const t = textOf(request);
    const name = formField(request.body, 'name');
    const role = formField(request.body, 'role');
    if (name.length < 1 || name.length > 100 || !isRole(role)) {
      const errors: FieldErrors = name.length < 1 || name.length > 100 ? { name: t.forms.nameRequired } : { role: t.users.chooseRole };
      return show(request, reply, 400, { form: { name, role: isRole(role) ? role : 'operator' }, errors, problem: problemSummary(errors, t) ?? '' });
    }
    const made = await o.tokens.create(name, role);
    await deps.audit.record({ ...auditBy(deps, request), action: 'api_token.create', subjectType: 'api_token', subjectId: made.apiToken.id, outcome: 'ok', detail: { name, role } });
    return show(request, reply, 201, { notice: t.tokens.madeNotice(name, t.layout.role[role]), extra: tokenBlock(name, made.token, t) });
  });

  app.post<{ Params: { id: string } }>('/console/api-tokens/:id/revoke', owner, async (request, reply) => {
    const r = await o.tokens.revoke(request.params.id);
    if (!r.ok) return show(request, reply, 404, { problem: textOf(request).tokens.noToken });
    const { token } = r;
    await deps.audit.record({ ...auditBy(deps, request), action: 'api_token.revoke', subjectType: 'api_token', subjectId: token.id, outcome: r.revoked ? 'ok' : 'already revoked', detail: { name: token.name } });
    return show(request, reply, 200, { notice: textOf(request).tokens.revokedNotice(token.name) });
  });
}

function tokenRow(token: ApiToken, csrf: string, t: Messages): SafeHtml {
  const status = token.revokedAt
    ? html`<span class="badge off">${t.tokens.revoked(formatOslo(token.revokedAt))}</span>`
    : html`<form class="inline" method="post" action="/console/api-tokens/${encodeURIComponent(token.id)}/revoke">${csrfField(csrf)}<button type="submit" class="danger">${t.tokens.revoke}</button></form>`;
  return html`<tr><td>${token.name}</td><td>${t.layout.role[token.role]}</td><td>${formatOslo(token.createdAt)}</td><td>${formatOslo(token.lastUsedAt)}</td><td>${status}</td></tr>`;
}
