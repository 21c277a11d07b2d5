import { TERMINAL_STATES, stateIn } from '../src/core/vocabulary/session-states.ts';
import type { DriverClient } from './driver-client.ts';
import { step, type SessionTruth } from './session-truth.ts';
import { until, type WorldContext } from './world-context.ts';

// Waits (bounded) until Ladepay has finished with the session, so the next
// driver finds the connector free; the auditor judges how long it took.
export async function waitTerminal(ctx: WorldContext, t: SessionTruth, withinWorldMs: number): Promise<boolean> {
  const reference = t.reference;
  if (!reference) return false;
  let id: string | undefined;
  const done = await until(
    ctx.clock,
    async () => {
      try {
        id ??= await ctx.operator.sessionId(reference);
        if (!id) return false;
        const state = await ctx.operator.sessionState(id);
        return state !== undefined && stateIn(TERMINAL_STATES, state);
      } catch {
        return false;
      }
    },
    withinWorldMs,
    2000,
  );
  step(t, ctx.clock.nowMs(), done ? 'Ladepay finished the session' : 'Ladepay had not finished the session when the driver left');
  return done;
}

// After the charge: the money settles, the driver reads the final page, and
// the operator may refund part of it (submitting the same request twice).
export async function finishSession(ctx: WorldContext, t: SessionTruth, driver: DriverClient): Promise<void> {
  await waitTerminal(ctx, t, ctx.settings.silenceS * 1000 + 600_000);
  if (!t.token) return;
  const view = await driver.session(t.token);
  if (view?.final) t.driverFinal = { capturedOre: view.final.capturedOre, totalOre: view.final.totalOre, lines: view.final.lines.map((l) => ({ amountOre: l.amountOre })) };
  const refund = t.plan.refund;
  const captured = view?.final?.capturedOre ?? 0;
  if (!refund || captured <= 0 || !t.reference) return;
  const id = await ctx.operator.sessionId(t.reference);
  if (!id) return;
  const amountOre = Math.max(1, Math.floor(captured * refund.share));
  const key = `chaos-refund-${t.index}`;
  const statuses: number[] = [];
  t.refunds.push({ amountOre, key, statuses });
  for (let i = 0; i < 2; i++) {
    statuses.push((await ctx.operator.refund(id, amountOre, key)).status);
    await new Promise((r) => setTimeout(r, 250));
  }
  step(t, ctx.clock.nowMs(), 'operator refund, submitted twice', { amountOre, statuses });
}
