import { runCharging } from './charging-script.ts';
import { DriverClient, tokenFromReturnUrl } from './driver-client.ts';
import { finishSession, waitTerminal } from './session-end.ts';
import type { SessionPlan } from './session-plan.ts';
import { newTruth, step, type SessionTruth } from './session-truth.ts';
import { until, type Slot, type WorldContext } from './world-context.ts';

// One driver's visit to a connector, from plugging in to driving away: Pay,
// the phone, the charge with whatever the plan makes go wrong, the end, and
// the money. Everything observed goes into the session's truth.

function addressOf(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

export async function runSession(ctx: WorldContext, slot: Slot, plan: SessionPlan): Promise<SessionTruth> {
  const { clock } = ctx;
  const { station, connector } = slot;
  const no = connector.no;
  const t = newTruth(plan, slot.spec, connector, clock.nowMs());
  const note = (what: string, detail?: unknown) => step(t, clock.nowMs(), what, detail);
  slot.observer.hold(no, t);
  const driver = new DriverClient(ctx.ladepayUrl, addressOf(plan.index));
  try {
    if (station.connector(no).pluggedIn) await station.unplug(no);
    if (plan.plugFirst && !plan.noCar) {
      await station.plugIn(no, plan.car);
      note('car plugged in', plan.car);
    }
    const phoneUrl = await pay(ctx, t, driver, slot);
    if (!phoneUrl) return t;
    t.reference = ctx.vipps.paymentOfPhone(phoneUrl)?.reference;
    await clock.sleep(plan.thinkS * 1000);
    if (plan.payment === 'abandon') {
      note('driver leaves the phone page');
      t.outcome = 'abandoned';
      await waitTerminal(ctx, t, ctx.settings.approvalWindowS * 1000 + 300_000);
      return t;
    }
    const back = await driver.phone(phoneUrl, plan.payment);
    note(`phone: ${plan.payment}`, { status: back.status });
    t.token = tokenFromReturnUrl(back.location);
    if (!t.token) {
      t.outcome = 'phone-failed';
      return t;
    }
    const page = await driver.statusPage(t.token);
    note('status page', { status: page.status });
    if (plan.payment === 'reject') {
      t.outcome = 'rejected';
      await waitTerminal(ctx, t, 300_000);
      return t;
    }
    if (plan.noCar) {
      t.outcome = 'no-car';
      await waitTerminal(ctx, t, ctx.settings.startWindowS * 1000 + 300_000);
      return t;
    }
    if (!station.connector(no).pluggedIn) {
      await clock.sleep(20_000 + (plan.index % 7) * 10_000);
      await station.plugIn(no, plan.car);
      note('car plugged in after paying', plan.car);
    }
    const started = await until(clock, () => t.txs.length > 0, ctx.settings.startWindowS * 1000 + 120_000);
    const tx = t.txs[0];
    if (!started || !tx) {
      t.outcome = 'no-start';
      note('charging never started');
      await waitTerminal(ctx, t, ctx.settings.startWindowS * 1000 + 600_000);
      return t;
    }
    t.outcome = 'charged';
    note('charging started', { localId: tx.localId });
    await runCharging(ctx, t, slot, driver, page.check ?? '', tx);
    await finishSession(ctx, t, driver);
  } catch (e) {
    t.outcome = 'harness-error';
    note('harness error', e instanceof Error ? e.message : String(e));
    ctx.log(`chaos: session ${plan.index} on ${slot.spec.id}/${no}: harness error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    if (station.connector(no).pluggedIn) await station.unplug(no).catch(() => undefined);
    note('car unplugged, driver gone');
    await clock.sleep(plan.gapS * 1000);
    slot.observer.release(no);
  }
  return t;
}

// Pay (twice at once when the plan says so); a refused start is tried again,
// a minute apart for up to ten minutes, as a driver at a busy or sleepy charger would.
async function pay(ctx: WorldContext, t: SessionTruth, driver: DriverClient, slot: Slot): Promise<string | undefined> {
  let last = 0;
  for (let attempt = 1; attempt <= 10; attempt++) {
    const presses = t.plan.payTwice ? await Promise.all([driver.pay(slot.connector.code, t.plan.maxAmountOre), driver.pay(slot.connector.code, t.plan.maxAmountOre)]) : [await driver.pay(slot.connector.code, t.plan.maxAmountOre)];
    const redirects = presses.filter((a) => a.status === 303 && a.location).map((a) => a.location as string);
    t.redirects.push(...redirects);
    step(t, ctx.clock.nowMs(), 'pay', { statuses: presses.map((a) => a.status), online: slot.observer.online });
    if (redirects[0]) return redirects[0];
    last = presses[0]?.status ?? 0;
    await ctx.clock.sleep(60_000);
  }
  t.outcome = `refused ${last}`;
  return undefined;
}
