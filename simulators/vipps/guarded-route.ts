import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './api-auth.ts';
import { errorFactoryFor } from './api-style.ts';
import { isJsonType, JSON_TYPE } from './sim-answer.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { TokenStore } from './access-token.ts';
import type { ApiGroup, ErrorFactory } from './api-style.ts';
import type { SimClock } from './clock.ts';
import type { FaultController } from './faults.ts';
import type { SimMerchant } from './merchants.ts';
import type { SimAnswer } from './sim-answer.ts';

export interface GuardContext {
  faults: FaultController;
  tokens: TokenStore;
  merchants: readonly SimMerchant[];
  clock: SimClock;
  /** Sockets of requests that are never answered; destroyed when the simulator stops. */
  hanging: Set<Socket>;
  /** Told of every answer that goes out as the API made it (not lost, not a fault). */
  answered?: (request: FastifyRequest, answer: SimAnswer) => void;
}

export interface AuthOptions {
  msnRequired: boolean;
  systemHeaderMax: number;
}

export type ApiHandler = (request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory) => SimAnswer | Promise<SimAnswer>;
export type OpenHandler = (request: FastifyRequest, error: ErrorFactory) => SimAnswer | Promise<SimAnswer>;

export function sendAnswer(reply: FastifyReply, answer: SimAnswer): FastifyReply {
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  if (answer.body === undefined) return reply.send();
  const contentType = answer.contentType ?? JSON_TYPE;
  const raw = Buffer.isBuffer(answer.body) || (typeof answer.body === 'string' && !isJsonType(contentType));
  return reply.type(contentType).send(raw ? answer.body : JSON.stringify(answer.body));
}

/**
 * Wraps an API handler with what sits between a client and the real API: latency, hangs, 5xx, the
 * gateway's key and token checks, and answers lost after the operation was applied (README, Faults).
 */
type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function guardedRoute(ctx: GuardContext, group: ApiGroup, auth: AuthOptions, handler: ApiHandler): RouteHandler;
export function guardedRoute(ctx: GuardContext, group: ApiGroup, auth: null, handler: OpenHandler): RouteHandler;
export function guardedRoute(ctx: GuardContext, group: ApiGroup, auth: AuthOptions | null, handler: ApiHandler | OpenHandler): RouteHandler {
  return async (request, reply) => {
    const latency = ctx.faults.latencyFor(group);
    if (latency > 0) await sleep(latency);

    if (ctx.faults.fireForGroup('hang', group)) {
      reply.hijack();
      const socket = request.raw.socket;
      ctx.hanging.add(socket);
      socket.once('close', () => ctx.hanging.delete(socket));
      return;
    }

    const error = errorFactoryFor(group, request.url, ctx.clock.now());
    const serverError = ctx.faults.fireForGroup('serverError', group);
    if (serverError) {
      const status = serverError.status ?? 500;
      sendAnswer(reply, error(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'Simulated server error; nothing was done.'));
      return;
    }

    let answer: SimAnswer;
    if (auth) {
      const result = authenticate({ headers: request.headers, tokens: ctx.tokens, merchants: ctx.merchants, error, ...auth });
      answer = result.ok ? await (handler as ApiHandler)(request, result.merchant, error) : result.answer;
    } else {
      answer = await (handler as OpenHandler)(request, error);
    }

    const lost = ctx.faults.fireForGroup('answerLost', group);
    if (lost) {
      if (lost.mode === 'reset') {
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      sendAnswer(reply, error(500, 'Internal Server Error', 'Simulated failure after the operation was applied.'));
      return;
    }
    ctx.answered?.(request, answer);
    sendAnswer(reply, answer);
  };
}
