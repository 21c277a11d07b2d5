import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginSession, LoginSessions, SessionLifetime } from '../../../usecases/ports/operator-users.ts';

export const SESSION_COOKIE = 'lp_console';
export const LOGIN_COOKIE = 'lp_login';
export const COOKIE_PATH = '/console';

export const DEFAULT_LIFETIME: SessionLifetime = { absoluteMs: 12 * 3_600_000, idleMs: 2 * 3_600_000 };

// Equal strings in constant time (hashing first makes the lengths equal).
export function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length > 0;
}

export interface ConsoleAuth {
  // The logged-in operator of a request that passed requireLogin.
  current(request: FastifyRequest): LoginSession;
  load(request: FastifyRequest): Promise<LoginSession | undefined>;
  logIn(reply: FastifyReply, userId: string): Promise<void>;
  logOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  // The login form's own CSRF value: a random nonce in a signed cookie, repeated in the form.
  loginNonce(request: FastifyRequest, reply: FastifyReply): string;
  checkLoginNonce(request: FastifyRequest, given: unknown): boolean;
  remember(request: FastifyRequest, session: LoginSession): void;
}

// Login sessions as a signed, HttpOnly, SameSite=Strict cookie holding a
// random id; the session itself (expiry, CSRF token) lives in the database,
// so logging out or disabling a user ends it at once.
export function consoleAuth(o: { logins: LoginSessions; now: () => Date; secure: () => boolean; lifetime: SessionLifetime }): ConsoleAuth {
  const sessions = new WeakMap<FastifyRequest, LoginSession>();
  const cookieOptions = () => ({ path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' as const, secure: o.secure(), signed: true });

  function signedValue(request: FastifyRequest, name: string): string | undefined {
    const raw = request.cookies[name];
    if (!raw) return undefined;
    const r = request.unsignCookie(raw);
    return r.valid && r.value !== null ? r.value : undefined;
  }

  return {
    current(request) {
      const s = sessions.get(request);
      if (!s) throw new Error('console route reached without a login session');
      return s;
    },
    async load(request) {
      const id = signedValue(request, SESSION_COOKIE);
      return id ? o.logins.session(id, o.now(), o.lifetime) : undefined;
    },
    remember(request, session) {
      sessions.set(request, session);
    },
    async logIn(reply, userId) {
      await o.logins.pruneSessions(o.now());
      const { sessionId } = await o.logins.startSession(userId, o.now(), o.lifetime);
      reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions(), maxAge: Math.floor(o.lifetime.absoluteMs / 1000) });
      reply.clearCookie(LOGIN_COOKIE, { path: COOKIE_PATH });
    },
    async logOut(request, reply) {
      const id = signedValue(request, SESSION_COOKIE);
      if (id) await o.logins.endSession(id);
      reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH });
    },
    loginNonce(request, reply) {
      const existing = signedValue(request, LOGIN_COOKIE);
      if (existing) return existing;
      const nonce = randomBytes(24).toString('base64url');
      reply.setCookie(LOGIN_COOKIE, nonce, { ...cookieOptions(), maxAge: 3600 });
      return nonce;
    },
    checkLoginNonce(request, given) {
      const expected = signedValue(request, LOGIN_COOKIE);
      return typeof given === 'string' && expected !== undefined && sameToken(given, expected);
    },
  };
}
