import type { DriverClient } from './driver-client.ts';
import type { Press, SessionTruth, TxTruth } from './session-truth.ts';
import { step } from './session-truth.ts';
import { until, type Slot, type WorldContext } from './world-context.ts';

// The charge itself, on the session's plan: faults at their moments into the
// charge, then the planned end (the driver's Stop, the station's button, an
// unplug, the cost guard, the operator), then the driver waits for the car to
// stop drawing and, if it does not, stops it at the station.

interface Beat {
  atS: number;
  always?: boolean; // run even after the transaction has ended (bringing a station back online)
  run(): Promise<void>;
}

export async function runCharging(ctx: WorldContext, t: SessionTruth, slot: Slot, driver: DriverClient, check: string, tx: TxTruth): Promise<void> {
  const { clock, settings } = ctx;
  const { station } = slot;
  const no = slot.connector.no;
  const plan = t.plan;
  const note = (what: string, detail?: unknown) => step(t, clock.nowMs(), what, detail);
  const running = () => tx.endAt === undefined;
  const stop = (kind: Press['kind']) => press(ctx, t, driver, check, kind);
  const beats: Beat[] = [];

  if (plan.late) {
    const late = plan.late;
    beats.push({ atS: late.atS, run: async () => (station.delayMeterValues(no, { count: late.count, delayMs: late.delayS * 1000 }), note('meter values held back', late)) });
  }
  if (plan.glitch) {
    const glitch = plan.glitch;
    beats.push({ atS: glitch.atS, run: async () => (station.glitchMeter(no, glitch.addWh), note('meter glitch', glitch)) });
  }
  if (plan.connectorFault) {
    const fault = plan.connectorFault;
    beats.push({ atS: fault.atS, run: async () => (note('connector fault, charging on', fault), await station.setFault(no, 'GroundFailure', { keepCharging: true })) });
    // Cleared within the grace, or (lasting) once Ladepay has stopped the charge: the next driver finds it working.
    const clearAtS = fault.atS + (fault.clearAfterS ?? 120);
    beats.push({ atS: clearAtS, always: true, run: async () => (note('connector fault cleared'), await station.clearFault(no)) });
  }
  if (plan.hostile) {
    const hostile = plan.hostile;
    beats.push({ atS: hostile.atS, run: () => ctx.hostile.attack(t, tx, hostile, station.connector(no).energyWh) });
  }
  const d = plan.disruption;
  let claimed = false;
  // A station-wide fault, unless the session on the other connector has one under way (then it is not injected here).
  const stationWide = (kind: string): boolean => {
    claimed = slot.observer.claimStation();
    if (!claimed) {
      note(`${kind} not injected: the station is already disrupted from its other connector`);
      t.plan.faults = t.plan.faults.filter((f) => f !== kind);
      return false;
    }
    slot.observer.stationFault(kind, t);
    return true;
  };
  const released = () => {
    if (claimed) slot.observer.releaseStation();
    claimed = false;
  };
  let endAtS: number | undefined = plan.chargeS;
  if (d?.kind === 'offline' || d?.kind === 'stop-while-offline') {
    const kind = d.kind === 'stop-while-offline' ? 'stop-while-offline' : plan.faults.find((f) => f.startsWith('station-offline')) ?? 'station-offline';
    beats.push({
      atS: d.atS,
      run: async () => {
        if (!stationWide(kind)) return;
        note('station offline', d);
        await station.goOffline({ keepQueue: d.kind === 'stop-while-offline' || d.keepQueue });
      },
    });
    beats.push({
      atS: d.atS + d.forS,
      always: true,
      run: async () => {
        if (!claimed) return;
        note('station back online');
        await station.goOnline().finally(released);
      },
    });
    if (d.kind === 'stop-while-offline') {
      beats.push({ atS: d.atS + d.pressAfterS, run: () => stop('driver-stop') });
      endAtS = undefined;
    }
  } else if (d?.kind === 'power-loss') {
    beats.push({
      atS: d.atS,
      run: async () => {
        if (!stationWide(d.sendStop ? 'power-loss-stop' : 'power-loss-no-stop')) return;
        note('power loss', d);
        await station.powerLoss({ sendStop: d.sendStop, offMs: d.offS * 1000 }).finally(released);
        note('power back, station booted');
        if (d.stopAfter) await stop('driver-stop');
      },
    });
  } else if (d?.kind === 'reboot-forget') {
    beats.push({
      atS: d.atS,
      run: async () => {
        if (!stationWide('reboot-forget')) return;
        note('station reboots and forgets the transaction');
        await station.reboot({ forgetTransactions: true }).finally(released);
        if (d.stopAfter) {
          await clock.sleep(30_000);
          await stop('driver-stop');
        }
      },
    });
  }
  if (endAtS !== undefined) beats.push({ atS: endAtS, run: () => endCharge(ctx, t, slot, stop) });

  beats.sort((a, b) => a.atS - b.atS);
  try {
    for (const beat of beats) {
      await until(clock, () => !running() && !beat.always, tx.startAt + beat.atS * 1000 - clock.nowMs(), 50);
      if (running() || beat.always) await beat.run();
    }
  } finally {
    // Whatever happened, the station is not left disrupted for the next session.
    if (claimed) await station.goOnline().catch(() => undefined);
    released();
  }

  // The driver waits for the car to stop drawing. A station that is offline, or
  // a Ladepay that is restarting, gets the time to come back first: patience
  // counts only while both are up (two meter intervals and 20 real seconds).
  const patienceMs = 2 * settings.meterIntervalS * 1000 + 20 * settings.timeScale * 1000;
  let upSince = clock.nowMs();
  await until(clock, () => {
    if (!slot.observer.online || !ctx.ladepayUp()) upSince = clock.nowMs();
    return !running() || clock.nowMs() - upSince > patienceMs;
  }, settings.silenceS * 1000 + 1_800_000);
  if (running()) {
    note('the charge did not stop: the driver stops it at the station');
    if (!slot.observer.online) await station.goOnline().catch(() => undefined);
    await station.pressStop(no);
  }
}

async function endCharge(ctx: WorldContext, t: SessionTruth, slot: Slot, stop: (kind: Press['kind']) => Promise<void>): Promise<void> {
  const no = slot.connector.no;
  const note = (what: string) => step(t, ctx.clock.nowMs(), what);
  switch (t.plan.end) {
    case 'driver-stop':
    case 'cost-guard':
      return stop('driver-stop');
    case 'station-stop':
      note('stop button at the station');
      return slot.station.pressStop(no);
    case 'unplug':
      note('car unplugged while charging');
      return slot.station.unplug(no);
    case 'operator-stop':
      return stop('operator-stop');
    case 'operator-settle':
      return stop('operator-settle');
    case 'stop-with-station':
      note('stop on the phone and at the station at once');
      await Promise.all([stop('driver-stop'), slot.station.pressStop(no)]);
  }
}

// The driver's Stop on the status page (twice at once when the plan says so),
// or the operator's stop or settle-now through the API.
async function press(ctx: WorldContext, t: SessionTruth, driver: DriverClient, check: string, kind: Press['kind']): Promise<void> {
  const record: Press = { kind, sentAt: ctx.clock.nowMs() };
  t.presses.push(record);
  // The press counts from the attempt Ladepay answered (earlier ones met a Ladepay that was down).
  if (kind === 'driver-stop') {
    const token = t.token as string;
    const answers = t.plan.stopTwice ? await Promise.all([driver.stop(token, check), driver.stop(token, check)]) : [await driver.stop(token, check)];
    record.status = answers[0]?.status;
    record.sentAt = ctx.clock.at(Math.min(...answers.map((a) => a.sentAtRealMs)));
  } else {
    const id = await ctx.operator.sessionId(t.reference ?? '');
    if (!id) return;
    const answer = kind === 'operator-stop' ? await ctx.operator.stop(id) : await ctx.operator.settle(id);
    record.status = answer.status;
    record.sentAt = ctx.clock.at(answer.sentAtRealMs);
  }
  record.answeredAt = ctx.clock.nowMs();
}
