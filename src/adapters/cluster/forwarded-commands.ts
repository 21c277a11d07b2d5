import { randomUUID } from 'node:crypto';
import type { NoAnswer } from '../../core/vocabulary/command-outcome.ts';
import type { ChargerCommands } from '../../usecases/ports/charger.ts';
import type { EffectHandler, EffectResult } from '../../usecases/ports/effect-result.ts';
import type { Outbox } from '../storage/outbox.ts';
import type { ClusterLink } from './cluster-link.ts';

// A command for a station whose socket another node holds: written to the
// outbox for that station, run by the node holding it (the outbox leaves
// such items to it), answered in the row. The asker waits for the answer.
export const FORWARDED_KIND = 'station.command';

// Every command that goes to a station, with what it answers when no answer came.
export const FORWARDED_OPS = {
  remoteStart: (o: NoAnswer) => o,
  remoteStop: (o: NoAnswer) => o,
  transactionStatus: () => 'unknown',
  setMeterInterval: (o: NoAnswer) => o,
  triggerStatus: (o: NoAnswer) => o,
  reset: (o: NoAnswer) => o,
  unlock: (o: NoAnswer) => o,
  changeAvailability: (o: NoAnswer) => o,
  resetStation: (o: NoAnswer) => ({ outcome: o }),
  unlockConnector: (o: NoAnswer) => ({ outcome: o }),
  setAvailability: (o: NoAnswer) => ({ outcome: o }),
  readConfiguration: (o: NoAnswer) => ({ outcome: o, entries: [] }),
  changeConfiguration: (o: NoAnswer) => ({ outcome: o }),
  triggerMessage: (o: NoAnswer) => ({ outcome: o }),
  updateFirmware: (o: NoAnswer) => ({ outcome: o }),
  uploadDiagnostics: (o: NoAnswer) => ({ outcome: o }),
  changePassword: (o: NoAnswer) => o,
  readDisplaySupport: () => undefined,
  showDefaultPrice: (o: NoAnswer) => o,
  showUserPrice: (o: NoAnswer) => o,
  showRunningCost: (o: NoAnswer) => o,
  showFinalCost: (o: NoAnswer) => o,
  showPaymentQr: (o: NoAnswer) => o,
  notifyWebPayment: (o: NoAnswer) => o,
} as const satisfies Record<string, (o: NoAnswer) => unknown>;

export type ForwardedOp = keyof typeof FORWARDED_OPS;

// What runs a command on this node's own socket.
export type LocalStation = Pick<ChargerCommands, Exclude<ForwardedOp, 'changePassword'>> & {
  changePassword(stationId: string, secret: string): Promise<unknown>;
};

// The station's new password crosses the database sealed (SECRETS_KEY).
export interface TransitSeal {
  sealInTransit(plain: string, context: string): string;
  openInTransit(sealed: string, context: string): string | undefined;
}

interface ForwardedPayload {
  op: ForwardedOp;
  args: unknown[];
}

const SEAL_CONTEXT = 'forwarded-station-password';

function readPayload(payload: unknown): ForwardedPayload | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { op, args } = payload as Record<string, unknown>;
  if (typeof op !== 'string' || !Object.hasOwn(FORWARDED_OPS, op) || !Array.isArray(args)) return undefined;
  return { op: op as ForwardedOp, args };
}

// Dates travel as ISO text; the one command that takes one gets it back.
function revive(op: ForwardedOp, args: unknown[], seal: TransitSeal): unknown[] | undefined {
  if (op === 'updateFirmware') {
    const request = args[0] as { location?: unknown; retrieveAt?: unknown } | undefined;
    if (typeof request?.location !== 'string' || typeof request.retrieveAt !== 'string') return undefined;
    return [{ location: request.location, retrieveAt: new Date(request.retrieveAt) }];
  }
  if (op === 'changePassword') {
    const secret = typeof args[0] === 'string' ? seal.openInTransit(args[0], SEAL_CONTEXT) : undefined;
    return secret === undefined ? undefined : [secret];
  }
  return args;
}

// The outbox handler on the node that holds the station.
export function forwardedCommandHandler(local: LocalStation, seal: TransitSeal): EffectHandler {
  return async (item): Promise<EffectResult> => {
    const payload = readPayload(item.payload);
    const stationId = (item.payload as { stationId?: unknown }).stationId;
    if (!payload || typeof stationId !== 'string') return { status: 'dead', error: 'unreadable forwarded command' };
    const args = revive(payload.op, payload.args, seal);
    if (!args) return { status: 'dead', error: `unreadable arguments of ${payload.op}` };
    const run = local[payload.op] as (stationId: string, ...a: unknown[]) => Promise<unknown>;
    return { status: 'done', result: await run.call(local, stationId, ...args) };
  };
}

export type Forward = (stationId: string, op: ForwardedOp, args: unknown[]) => Promise<unknown>;

const POLL_MS = 500;

// The asking side: writes the command for the station, wakes the nodes, and
// waits for the answer (woken by the answering node, polling in case a
// wake-up is lost). No answer in time: the command is abandoned, so it never
// runs after the asker gave up (a reset must not come minutes late).
export function forwarder(d: { outbox: Outbox; link: ClusterLink; seal: TransitSeal; now: () => Date; waitMs: number }): Forward {
  return async (stationId, op, args) => {
    const key = `cmd-${randomUUID()}`;
    const sent = op === 'changePassword' ? [d.seal.sealInTransit(String(args[0]), SEAL_CONTEXT)] : args;
    await d.outbox.enqueueNow({ kind: FORWARDED_KIND, key, payload: { stationId, op, args: sent }, stationId, maxAttempts: 1 }, d.now());
    // The outbox's NOTIFY on commit wakes the node holding the station.
    const answer = await waitForAnswer(d, key);
    return 'result' in answer ? answer.result : FORWARDED_OPS[op](answer.outcome);
  };
}

type Answer = { result: unknown } | { outcome: NoAnswer };

async function waitForAnswer(d: { outbox: Outbox; link: ClusterLink; now: () => Date; waitMs: number }, key: string): Promise<Answer> {
  const until = Date.now() + d.waitMs;
  let wake: (() => void) | undefined;
  const off = d.link.on('answer', (k) => (k === key || k === '') && wake?.());
  try {
    while (Date.now() < until) {
      const a = await d.outbox.answer(key);
      if (a?.state === 'done') return { result: a.result };
      if (a?.state === 'dead') return { outcome: 'error' };
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(POLL_MS, Math.max(0, until - Date.now())));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    if (await d.outbox.abandon(key, 'no answer in time: abandoned by the node that asked', d.now())) return { outcome: 'timeout' };
    const late = await d.outbox.answer(key);
    return late?.state === 'done' ? { result: late.result } : { outcome: 'timeout' };
  } finally {
    off();
  }
}
