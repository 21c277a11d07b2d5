import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionPhase } from '../../../usecases/ports/driver-views.ts';
import { TOKEN_PATTERN } from './driver-route-deps.ts';

// The browser that paid keeps its session's token in a first-party cookie, so
// scanning the same code again leads back to the session (with Stop, or with
// Continue/Cancel while the payment waits) instead of a busy connector. The
// token is the same capability the status page's address carries: no login,
// no account. Lax, so the return from Vipps (a top-level GET) carries it.
export const OWN_SESSION_COOKIE = 'ladepay_session';
const DAY_SECONDS = 86_400;

// While the driver can still do something on the status page.
const RETURNABLE_PHASES: readonly SessionPhase[] = ['awaiting_payment', 'plug_in', 'starting', 'charging', 'stopping', 'idle_fee'];

export function rememberSession(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(OWN_SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: DAY_SECONDS });
}

export function rememberedToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[OWN_SESSION_COOKIE];
  return token !== undefined && TOKEN_PATTERN.test(token) ? token : undefined;
}

export function isReturnable(phase: SessionPhase): boolean {
  return RETURNABLE_PHASES.includes(phase);
}
