import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyPassword } from '../../security/password-hash.ts';
import { normalizeEmail } from '../../../core/operator-email.ts';
import type { AuditTrail } from '../../../usecases/ports/operator-audit.ts';
import type { OperatorUsers } from '../../../usecases/ports/operator-users.ts';
import { addressKey } from '../address-key.ts';
import { AttemptLimiter } from '../attempt-limiter.ts';
import { html } from '../html.ts';
import type { SecurityMetrics } from '../security-metrics.ts';
import type { ConsoleAuth } from './console-auth.ts';
import { formField } from './console-route-deps.ts';
import { languageContext, textOf } from './i18n/console-language.ts';
import { renderPage } from './layout.ts';

export interface LoginLimits {
  // Every attempt from one address counts (each costs a scrypt).
  perAddress: { max: number; windowMs: number };
  // Failed attempts on one account, from anywhere.
  failuresPerEmail: { max: number; windowMs: number };
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: { max: 20, windowMs: 60_000 },
  failuresPerEmail: { max: 5, windowMs: 15 * 60_000 },
};

// Checked against when the email is unknown, so that a wrong email takes as
// long as a wrong password and does not tell which accounts exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

interface LoginDeps {
  auth: ConsoleAuth;
  users: Pick<OperatorUsers, 'byEmail'>;
  audit: Pick<AuditTrail, 'record'>;
  security: SecurityMetrics;
  now(): Date;
  cssUrl: string;
  operatorName: string;
}

// Only a path inside the console, never another site (an open redirect).
function safeNext(next: string): string {
  return /^\/console(\/[\w\-./?=&%]*)?$/.test(next) && !next.startsWith('//') ? next : '/console';
}

function loginPage(deps: LoginDeps, request: FastifyRequest, o: { nonce: string; email?: string; next: string; problem?: string }): string {
  const lang = languageContext(request);
  const t = lang.t.login;
  const main = html`<div class="login card">
<h1>${t.title}</h1>
<form class="stack" method="post" action="/console/login">
<input type="hidden" name="_csrf" value="${o.nonce}">
<input type="hidden" name="next" value="${o.next}">
<label>${t.email} <input type="email" name="email" autocomplete="username" required value="${o.email ?? ''}"></label>
<label>${t.password} <input type="password" name="password" autocomplete="current-password" required></label>
<div><button type="submit">${t.button}</button></div>
</form>
</div>`;
  return renderPage({ cssUrl: deps.cssUrl, operatorName: deps.operatorName, ...lang }, { title: t.title, main, ...(o.problem ? { problem: o.problem } : {}) });
}

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function registerLoginRoutes(app: FastifyInstance, deps: LoginDeps, limits: LoginLimits): void {
  const perAddress = new AttemptLimiter(limits.perAddress);
  const perEmail = new AttemptLimiter(limits.failuresPerEmail);

  app.get<{ Querystring: { next?: string } }>('/console/login', async (request, reply) => {
    const next = safeNext(typeof request.query.next === 'string' ? request.query.next : '/console');
    if (await deps.auth.load(request)) return reply.redirect(next, 303);
    return send(reply, 200, loginPage(deps, request, { nonce: deps.auth.loginNonce(request, reply), next }));
  });

  app.post('/console/login', async (request: FastifyRequest, reply) => {
    const email = formField(request.body, 'email');
    const password = formField(request.body, 'password');
    const next = safeNext(formField(request.body, 'next'));
    const t = textOf(request).login;
    const again = (status: number, problem: string) =>
      send(reply, status, loginPage(deps, request, { nonce: deps.auth.loginNonce(request, reply), next, email, problem }));
    const tooMany = (limit: 'per_address' | 'per_email', seconds: number) => {
      deps.security.refused('console_login', limit);
      request.log.warn({ limit }, 'console login refused: too many attempts');
      reply.header('retry-after', String(seconds));
      return again(429, t.tooMany);
    };

    if (!deps.auth.checkLoginNonce(request, formField(request.body, '_csrf'))) {
      return again(403, t.expired);
    }
    // Each attempt is counted before its password is checked, in one step per
    // limit, so parallel attempts cannot all be checked against a count that
    // only grows afterwards. Every attempt counts for the address; for the
    // account, only failures (a login hands its count back).
    const fromAddress = perAddress.reserve(addressKey(request.ip));
    if (!fromAddress.ok) return tooMany('per_address', fromAddress.retryAfterSeconds);
    if (email === '' || password === '') return again(400, t.missing);
    const account = normalizeEmail(email).slice(0, 254);
    const forEmail = perEmail.reserve(account);
    if (!forEmail.ok) return tooMany('per_email', forEmail.retryAfterSeconds);

    const user = await deps.users.byEmail(email);
    const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    deps.security.credentialChecked('console_login', good && user ? 'ok' : 'wrong');
    const outcome = !user ? 'unknown_user' : !good ? 'wrong_password' : user.disabled ? 'disabled' : 'ok';
    await deps.audit.record({
      at: deps.now().toISOString(),
      actor: `console:${account}`,
      address: request.ip,
      action: 'console.login',
      subjectType: 'user',
      subjectId: user?.id ?? account,
      outcome,
      detail: {},
    });
    if (outcome !== 'ok' || !user) {
      request.log.info({ email: account, outcome }, 'console login refused');
      return again(401, t.wrong);
    }
    forEmail.release();
    await deps.auth.logIn(reply, user.id);
    request.log.info({ email: user.email }, 'console login');
    return reply.redirect(next, 303);
  });
}
