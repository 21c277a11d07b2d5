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

const owner = { config: { role: 'owner' as const } };

function tokenBlock(name: string, token: string): SafeHtml {
  return html`<section class="card" aria-labelledby="token-title"><h2 id="token-title">API token "${name}"</h2>
<p><strong>Shown only now.</strong> Send it as <code>Authorization: Bearer &lt;token&gt;</code>; Ladepay keeps only a hash.</p>
<div class="secret" id="api-token">${token}</div></section>`;
}

// REST API tokens (owners only): list, make one with a role (shown once), revoke.
export function registerApiTokenRoutes(app: FastifyInstance, deps: ConsoleRouteDeps, o: { tokens: ApiTokenAdmin }): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, status: number, p: { form?: { name: string; role: Role }; errors?: FieldErrors; notice?: string; problem?: string; extra?: SafeHtml } = {}) => {
    const csrf = deps.auth.current(request).csrfToken;
    const tokens = await o.tokens.list();
    const form = p.form ?? { name: '', role: 'operator' };
    const main = html`<h1>API tokens</h1>${p.extra}
<table><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead><tbody>
${tokens.map((t) => tokenRow(t, csrf))}</tbody></table>
<h2 id="new-token">New token</h2>
<form class="stack card" method="post" action="/console/api-tokens" aria-labelledby="new-token">${csrfField(csrf)}
${field({ name: 'name', label: 'Name', value: form.name, errors: p.errors ?? {}, required: true, hint: 'who or what uses it, e.g. bookkeeping' })}
${roleSelect('role', form.role)}
<div><button type="submit">Make token</button></div></form>
<section class="card"><h2>Roles</h2>${roleLegend()}</section>`;
    return sendPage(deps, request, reply, { title: 'API tokens', section: 'tokens', main, ...(p.notice ? { notice: p.notice } : {}), ...(p.problem ? { problem: p.problem } : {}) }, status);
  };

  app.get('/console/api-tokens', owner, async (request, reply) => show(request, reply, 200));

  app.post('/console/api-tokens', owner, async (request, reply) => {
    const name = formField(request.body, 'name');
    const role = formField(request.body, 'role');
    if (name.length < 1 || name.length > 100 || !isRole(role)) {
      const errors: FieldErrors = name.length < 1 || name.length > 100 ? { name: 'A name of 1 to 100 characters is required.' } : { role: 'Choose a role.' };
      return show(request, reply, 400, { form: { name, role: isRole(role) ? role : 'operator' }, errors, problem: 'Please correct the field marked below.' });
    }
    const made = await o.tokens.create(name, role);
    await deps.audit.record({ ...auditBy(deps, request), action: 'api_token.create', subjectType: 'api_token', subjectId: made.apiToken.id, outcome: 'ok', detail: { name, role } });
    return show(request, reply, 201, { notice: `Token "${name}" made (${role}).`, extra: tokenBlock(name, made.token) });
  });

  app.post<{ Params: { id: string } }>('/console/api-tokens/:id/revoke', owner, async (request, reply) => {
    const r = await o.tokens.revoke(request.params.id);
    if (!r.ok) return show(request, reply, 404, { problem: 'No such token.' });
    const { token } = r;
    await deps.audit.record({ ...auditBy(deps, request), action: 'api_token.revoke', subjectType: 'api_token', subjectId: token.id, outcome: r.revoked ? 'ok' : 'already revoked', detail: { name: token.name } });
    return show(request, reply, 200, { notice: `Token "${token.name}" revoked: it no longer works.` });
  });
}

function tokenRow(t: ApiToken, csrf: string): SafeHtml {
  const status = t.revokedAt
    ? html`<span class="badge off">revoked ${formatOslo(t.revokedAt)}</span>`
    : html`<form class="inline" method="post" action="/console/api-tokens/${encodeURIComponent(t.id)}/revoke">${csrfField(csrf)}<button type="submit" class="danger">Revoke</button></form>`;
  return html`<tr><td>${t.name}</td><td>${t.role}</td><td>${formatOslo(t.createdAt)}</td><td>${formatOslo(t.lastUsedAt)}</td><td>${status}</td></tr>`;
}
