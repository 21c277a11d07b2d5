import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRole, type Role } from '../../../core/operator-role.ts';
import { hashPassword } from '../../security/password-hash.ts';
import { generateUserPassword } from '../../security/readable-secret.ts';
import type { UserAdmin, UserChangeRefusal } from '../../../usecases/operator/user-admin.ts';
import type { OperatorUser } from '../../../usecases/ports/operator-users.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { roleLegend, roleSelect } from './role-select.ts';
import type { Messages } from './i18n/messages.ts';


const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const owner = { config: { role: 'owner' as const } };
type Params = { Params: { id: string } };
const REFUSED: Record<UserChangeRefusal, 'noUser' | 'ownAccount' | 'lastOwner'> = { not_found: 'noUser', own_account: 'ownAccount', last_owner: 'lastOwner' };

function passwordBlock(email: string, password: string, t: Messages): SafeHtml {
  return html`<section class="card" aria-labelledby="password-title"><h2 id="password-title">${t.users.passwordFor(email)}</h2>
<p><strong>${t.users.shownOnlyNow}</strong> ${t.users.giveInPerson}</p>
<div class="secret" id="user-password">${password}</div></section>`;
}

// Console users (owners only): add one with a role, change a role, disable,
// give a new password. The console is never left without an active owner.
export function registerUserRoutes(app: FastifyInstance, deps: ConsoleRouteDeps, o: { users: UserAdmin }): void {
  const listPage = async (request: FastifyRequest, form: { email: string; role: Role }, errors: FieldErrors, extra?: SafeHtml) => {
    const csrf = deps.auth.current(request).csrfToken;
    const users = await o.users.list();
    const t = textOf(request);
    const m = t.users;
    return html`<h1>${m.title}</h1>${extra}
<table><thead><tr><th scope="col">${m.user}</th><th scope="col">${m.since}</th><th scope="col">${m.roleAndStatus}</th><th scope="col">${m.password}</th></tr></thead><tbody>
${users.map((u) => userRow(u, csrf, t))}</tbody></table>
<h2 id="new-user">${m.newUser}</h2>
<form class="stack card" method="post" action="/console/users" aria-labelledby="new-user">${csrfField(csrf)}
${field({ name: 'email', label: m.email, value: form.email, errors, type: 'email', required: true })}
${roleSelect(t, 'role', form.role)}
<div><button type="submit">${m.add}</button></div></form>
<section class="card"><h2>${t.roles.title}</h2>${roleLegend(t)}</section>`;
  };
  const show = async (request: FastifyRequest, reply: FastifyReply, status = 200, o: { problem?: string; notice?: string; extra?: SafeHtml; form?: { email: string; role: Role }; errors?: FieldErrors } = {}) =>
    sendPage(
      deps,
      request,
      reply,
      { title: textOf(request).users.title, section: 'users', main: await listPage(request, o.form ?? { email: '', role: 'operator' }, o.errors ?? {}, o.extra), ...(o.problem ? { problem: o.problem } : {}), ...(o.notice ? { notice: o.notice } : {}) },
      status,
    );

  app.get('/console/users', owner, async (request, reply) => show(request, reply));

  app.post('/console/users', owner, async (request, reply) => {
    const t = textOf(request);
    const m = t.users;
    const form = { email: formField(request.body, 'email').toLowerCase(), role: formField(request.body, 'role') };
    const errors: FieldErrors = {};
    if (!EMAIL.test(form.email) || form.email.length > 254) errors.email = m.emailRequired;
    if (!isRole(form.role)) errors.role = m.chooseRole;
    const role: Role = isRole(form.role) ? form.role : 'operator';
    if (Object.keys(errors).length > 0) return show(request, reply, 400, { form: { email: form.email, role }, errors, problem: problemSummary(errors, t) ?? '' });
    const password = generateUserPassword();
    const made = await o.users.create({ email: form.email, passwordHash: await hashPassword(password), role });
    if (!made.ok) return show(request, reply, 409, { form: { email: form.email, role }, errors: { email: m.exists }, problem: m.exists });
    const { user } = made;
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.create', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email, role } });
    return show(request, reply, 201, { notice: m.added(user.email, t.layout.role[role]), extra: passwordBlock(user.email, password, t) });
  });

  app.post<Params>('/console/users/:id', owner, async (request, reply) => {
    const me = deps.auth.current(request).user;
    const m = textOf(request).users;
    const user = await o.users.get(request.params.id);
    if (!user) return show(request, reply, 404, { problem: m.noUser });
    const role = formField(request.body, 'role');
    const disabled = formField(request.body, 'disabled') === 'on';
    if (!isRole(role)) return show(request, reply, 400, { problem: m.chooseRole });
    const r = await o.users.update(me.id, user.id, { role, disabled });
    if (!r.ok) return show(request, reply, r.reason === 'not_found' ? 404 : 409, { problem: m[REFUSED[r.reason]] });
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.update', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email, role, disabled } });
    return show(request, reply, 200, { notice: m.saved(user.email) });
  });

  app.post<Params>('/console/users/:id/password', owner, async (request, reply) => {
    const t = textOf(request);
    const user = await o.users.get(request.params.id);
    if (!user) return show(request, reply, 404, { problem: t.users.noUser });
    const password = generateUserPassword();
    await o.users.setPassword(user.id, await hashPassword(password));
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.new_password', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email } });
    return show(request, reply, 200, { notice: t.users.newPasswordDone(user.email), extra: passwordBlock(user.email, password, t) });
  });
}

function userRow(u: OperatorUser, csrf: string, t: Messages): SafeHtml {
  const id = encodeURIComponent(u.id);
  return html`<tr><td>${u.email} ${u.disabled ? html`<span class="badge off">${t.common.disabled}</span>` : ''}</td><td>${formatOslo(u.createdAt)}</td>
<td><form class="actions" method="post" action="/console/users/${id}">${csrfField(csrf)}${roleSelect(t, 'role', u.role, t.roles.roleOf(u.email), `role-${u.id}`)}
<label class="check"><input type="checkbox" name="disabled"${u.disabled ? html` checked` : ''}> ${t.users.disabled}</label><button type="submit" class="secondary">${t.common.save}</button></form></td>
<td><form class="inline" method="post" action="/console/users/${id}/password">${csrfField(csrf)}<button type="submit" class="secondary">${t.users.newPassword}</button></form></td></tr>`;
}
