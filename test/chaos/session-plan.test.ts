import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, FAULTS, parseFaultList } from '../../chaos/fault-catalogue.ts';
import { planSession, type PlanOptions } from '../../chaos/session-plan.ts';
import { worldClock } from '../../chaos/world-clock.ts';

const options = (seed: number, faults = parseFaultList('all')): PlanOptions => ({ seed, faults, silenceS: 900, charge: { minS: 240, maxS: 2400 } });

describe('session plans', () => {
  it('come from the seed and the session number alone', () => {
    expect(planSession(17, options(42))).toEqual(planSession(17, options(42)));
    expect(planSession(17, options(42))).not.toEqual(planSession(17, options(43)));
    expect(planSession(17, options(42))).not.toEqual(planSession(18, options(42)));
  });

  it('draw each fault at about its rate, and none when faults are off', () => {
    const n = 20_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) for (const f of planSession(i, options(7)).faults) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const kind of ['pay-twice', 'driver-reject', 'meter-glitch', 'hostile-stop', 'reboot-forget'] as const) {
      const expected = FAULTS[kind].rate * n;
      expect(Math.abs((counts.get(kind) ?? 0) - expected)).toBeLessThan(5 * Math.sqrt(expected) + 10);
    }
    const quiet = Array.from({ length: 500 }, (_, i) => planSession(i, options(7, parseFaultList('none'))));
    expect(quiet.flatMap((p) => p.faults)).toEqual([]);
    expect(quiet.every((p) => p.disruption === undefined && p.hostile === undefined && p.glitch === undefined && p.payment === 'approve')).toBe(true);
  });

  it('keep a long offline past the silence timeout and the charge past its end', () => {
    const only = parseFaultList('station-offline-long');
    const plan = Array.from({ length: 2_000 }, (_, i) => planSession(i, options(3, only))).find((p) => p.disruption);
    expect(plan?.disruption).toMatchObject({ kind: 'offline', keepQueue: true });
    const d = plan?.disruption as { atS: number; forS: number };
    expect(d.forS).toBeGreaterThan(900);
    expect(plan?.chargeS).toBeGreaterThanOrEqual(d.atS + d.forS);
  });

  it('refuse an unknown fault name', () => {
    expect(() => parseFaultList('meter-glitch,nonsense')).toThrow(/unknown fault "nonsense"/);
    expect(parseFaultList('all').size).toBe(FAULT_KINDS.length);
  });
});

describe('the world clock', () => {
  it('runs scale times faster than the wall clock from its epoch', () => {
    const epoch = Date.now() - 1_000;
    const clock = worldClock(epoch, 30);
    expect(clock.at(epoch + 2_000)).toBe(epoch + 60_000);
    expect(Math.abs(clock.nowMs() - (epoch + (Date.now() - epoch) * 30))).toBeLessThan(100);
    expect(clock.realMs(60_000)).toBe(2_000);
  });
});
