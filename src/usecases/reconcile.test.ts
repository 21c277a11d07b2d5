import { describe, expect, it } from 'vitest';
import type { PaymentGateway } from './ports/payment-gateway.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import { reconcileOnce, startReconciler } from './reconcile.ts';
import type { SessionEngine } from './session-engine.ts';

const now = new Date('2026-11-26T10:00:00.000Z');
const created = '2026-11-26T09:00:00.000Z';

function recording(): { logger: { warn(obj: object, msg?: string): void }; logged: Array<{ obj: Record<string, unknown>; msg?: string }> } {
  const logged: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
  return { logger: { warn: (obj, msg) => void logged.push({ obj: obj as Record<string, unknown>, msg }) }, logged };
}

// Only what reconcileOnce touches; every call that fails, fails with a stack.
const repo = {
  inStates: async (states: readonly string[]) =>
    states.includes('awaiting_payment')
      ? [{ session: { id: 's-pay', reference: 'ref-pay', createdAt: created } }]
      : states.includes('charging')
        ? [{ session: { id: 's-live', createdAt: created } }]
        : [],
  byReference: async () => {
    throw new Error('database gone');
  },
} as unknown as SessionRepository;
const engine = {
  now: () => now,
  apply: async () => {
    throw new Error('tick refused');
  },
} as unknown as SessionEngine;
const gateway = {} as PaymentGateway;
const pspReferences = { record: async () => undefined };

describe('the reconcile loop', () => {
  it('logs the error of a failed poll and a failed tick as it is, with its stack', async () => {
    const { logger, logged } = recording();
    await reconcileOnce({ repo, engine, gateway, pspReferences, logger });
    // Deadlines are swept before the payment polls.
    expect(logged.map((l) => [l.msg, l.obj.sessionId])).toEqual([
      ['session tick failed', 's-live'],
      ['payment poll failed', 's-pay'],
    ]);
    for (const { obj } of logged) {
      expect(obj.err).toBeInstanceOf(Error);
      expect((obj.err as Error).stack).toContain('reconcile.test.ts');
    }
  });

  it('logs a failed sweep with its stack too', async () => {
    const { logger, logged } = recording();
    const broken = {
      inStates: async () => {
        throw new Error('no connection');
      },
    } as unknown as SessionRepository;
    const reconciler = startReconciler({ repo: broken, engine, gateway, pspReferences, logger }, 60_000);
    await reconciler.runNow();
    await reconciler.stop();
    expect(logged).toHaveLength(1);
    expect(logged[0]?.msg).toBe('reconcile failed');
    expect((logged[0]?.obj.err as Error).stack).toContain('reconcile.test.ts');
  });
});
