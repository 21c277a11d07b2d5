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

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const owner = { config: { role: 'owner' as const } };
type Params = { Params: { id: string } };
const NO_USER = 'No such user.';
const REFUSED: Record<UserChangeRefusal, string> = {
  not_found: NO_USER,
  own_account: 'You cannot change your own role or disable yourself; another owner can.',
  last_owner: 'The console needs at least one active owner.',
};

function passwordBlock(email: string, password: string): SafeHtml {
  return html`<section class="card" aria-labelledby="password-title"><h2 id="password-title">Password for ${email}</h2>
<p><strong>Shown only now.</strong> Give it to the user in person or over a channel you trust; Ladepay keeps only a hash.</p>
<div class="secret" id="user-password">${password}</div></section>`;
}

// Console users (owners only): add one with a role, change a role, disable,
// give a new password. The console is never left without an active owner.
export function registerUserRoutes(app: FastifyInstance, deps: ConsoleRouteDeps, o: { users: UserAdmin }): void {
  const listPage = async (request: FastifyRequest, form: { email: string; role: Role }, errors: FieldErrors, extra?: SafeHtml) => {
    const csrf = deps.auth.current(request).csrfToken;
    const users = await o.users.list();
    return html`<h1>Users</h1>${extra}
<table><thead><tr><th scope="col">User</th><th scope="col">Since</th><th scope="col">Role and status</th><th scope="col">Password</th></tr></thead><tbody>
${users.map((u) => userRow(u, csrf))}</tbody></table>
<h2 id="new-user">New user</h2>
<form class="stack card" method="post" action="/console/users" aria-labelledby="new-user">${csrfField(csrf)}
${field({ name: 'email', label: 'Email', value: form.email, errors, type: 'email', required: true })}
${roleSelect('role', form.role)}
<div><button type="submit">Add user</button></div></form>
<section class="card"><h2>Roles</h2>${roleLegend()}</section>`;
  };
  const show = async (request: FastifyRequest, reply: FastifyReply, status = 200, o: { problem?: string; notice?: string; extra?: SafeHtml; form?: { email: string; role: Role }; errors?: FieldErrors } = {}) =>
    sendPage(
      deps,
      request,
      reply,
      { title: 'Users', section: 'users', main: await listPage(request, o.form ?? { email: '', role: 'operator' }, o.errors ?? {}, o.extra), ...(o.problem ? { problem: o.problem } : {}), ...(o.notice ? { notice: o.notice } : {}) },
      status,
    );

  app.get('/console/users', owner, async (request, reply) => show(request, reply));

  app.post('/console/users', owner, async (request, reply) => {
    const form = { email: formField(request.body, 'email').toLowerCase(), role: formField(request.body, 'role') };
    const errors: FieldErrors = {};
    if (!EMAIL.test(form.email) || form.email.length > 254) errors.email = 'An email address is required.';
    if (!isRole(form.role)) errors.role = 'Choose a role.';
    const role: Role = isRole(form.role) ? form.role : 'operator';
    if (Object.keys(errors).length > 0) return show(request, reply, 400, { form: { email: form.email, role }, errors, problem: problemSummary(errors, textOf(request)) ?? '' });
    const password = generateUserPassword();
    const made = await o.users.create({ email: form.email, passwordHash: await hashPassword(password), role });
    if (!made.ok) return show(request, reply, 409, { form: { email: form.email, role }, errors: { email: 'A user with this email exists already.' }, problem: 'A user with this email exists already.' });
    const { user } = made;
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.create', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email, role } });
    return show(request, reply, 201, { notice: `User ${user.email} added as ${role}.`, extra: passwordBlock(user.email, password) });
  });

  app.post<Params>('/console/users/:id', owner, async (request, reply) => {
    const me = deps.auth.current(request).user;
    const user = await o.users.get(request.params.id);
    if (!user) return show(request, reply, 404, { problem: NO_USER });
    const role = formField(request.body, 'role');
    const disabled = formField(request.body, 'disabled') === 'on';
    if (!isRole(role)) return show(request, reply, 400, { problem: 'Choose a role.' });
    const r = await o.users.update(me.id, user.id, { role, disabled });
    if (!r.ok) return show(request, reply, r.reason === 'not_found' ? 404 : 409, { problem: REFUSED[r.reason] });
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.update', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email, role, disabled } });
    return show(request, reply, 200, { notice: `${user.email} saved.` });
  });

  app.post<Params>('/console/users/:id/password', owner, async (request, reply) => {
    const user = await o.users.get(request.params.id);
    if (!user) return show(request, reply, 404, { problem: NO_USER });
    const password = generateUserPassword();
    await o.users.setPassword(user.id, await hashPassword(password));
    await deps.audit.record({ ...auditBy(deps, request), action: 'user.new_password', subjectType: 'user', subjectId: user.id, outcome: 'ok', detail: { email: user.email } });
    return show(request, reply, 200, { notice: `${user.email} has a new password; their logins have ended.`, extra: passwordBlock(user.email, password) });
  });
}

function userRow(u: OperatorUser, csrf: string): SafeHtml {
  const id = encodeURIComponent(u.id);
  return html`<tr><td>${u.email} ${u.disabled ? html`<span class="badge off">disabled</span>` : ''}</td><td>${formatOslo(u.createdAt)}</td>
<td><form class="actions" method="post" action="/console/users/${id}">${csrfField(csrf)}${roleSelect('role', u.role, `Role of ${u.email}`, `role-${u.id}`)}
<label class="check"><input type="checkbox" name="disabled"${u.disabled ? html` checked` : ''}> Disabled</label><button type="submit" class="secondary">Save</button></form></td>
<td><form class="inline" method="post" action="/console/users/${id}/password">${csrfField(csrf)}<button type="submit" class="secondary">New password</button></form></td></tr>`;
}
