import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeReading, METER_BOUND, mostEnergyWh, type MeterWindow, type ReadingVerdict } from './meter-plausibility.ts';

const S = 1000;
const START = 1_000_000;

describe('mostEnergyWh', () => {
  it.each([
    ['50 kW for 10 s: 50 kW × (11 s + 2 s) + 10 Wh', 50_000, 10 * S, 190],
    ['22 kW for an hour', 22_000, 3600 * S, 24_222],
    ['no time at all: the timestamp slack and the last digit', 50_000, 0, 37],
    ['a window that runs backwards counts as none', 50_000, -5 * S, 37],
    ['an unknown maximum falls back to the highest power in use', 0, 10 * S, 1815],
  ])('%s', (_name, powerW, ms, expected) => {
    expect(mostEnergyWh(powerW, ms)).toBe(expected);
  });

  it('stays exact for a window of a year at a megawatt', () => {
    expect(mostEnergyWh(1_000_000, 366 * 86_400 * S)).toBe(9_662_400_565);
  });
});

describe('judgeReading', () => {
  // A 50 kW connector; the transaction began at 0 s and was last read at 10 s.
  const window: MeterWindow = {
    maxPowerW: 50_000,
    start: { registerWh: START, atMs: 0 },
    last: { registerWh: START + 100, atMs: 10 * S },
    nowMs: 20 * S,
  };
  const judge = (registerWh: number, atMs: number, w: Partial<MeterWindow> = {}) => judgeReading({ ...window, ...w }, { registerWh, atMs });
  const no = (reason: string, limitWh?: number): ReadingVerdict => ({ plausible: false, reason, ...(limitWh !== undefined ? { limitWh } : {}) }) as ReadingVerdict;

  it.each<[string, number, number, Partial<MeterWindow>, ReadingVerdict]>([
    ['the car charging at 40 kW', START + 100 + 111, 20 * S, {}, { plausible: true }],
    ['nothing drawn', START + 100, 20 * S, {}, { plausible: true }],
    ['exactly what the bound allows', START + 100 + 190, 20 * S, {}, { plausible: true }],
    ['one Wh more than the bound', START + 100 + 191, 20 * S, {}, no('too_much_energy', START + 290)],
    ['150 kWh in 10 s', START + 100 + 150_000, 20 * S, {}, no('too_much_energy', START + 290)],
    ['a register that goes back one Wh', START + 99, 20 * S, {}, no('backwards', START + 100)],
    ['a reading stamped before the transaction began', START + 100, -1, {}, no('before_start')],
    ['a reading stamped the whole skew ahead of Ladepay', START + 100, 20 * S + METER_BOUND.clockSkewSeconds * S, {}, { plausible: true }],
    ['a reading stamped further ahead', START + 100, 20 * S + METER_BOUND.clockSkewSeconds * S + 1, {}, no('in_the_future')],
    ['a timestamp that is not one', START + 100, Number.NaN, {}, no('bad_timestamp')],
    ['a register that is not a whole Wh', START + 100.5, 20 * S, {}, no('not_a_register')],
    ['a negative register', -1, 20 * S, {}, no('not_a_register')],
    // After a slow hour (5 kW on a 50 kW connector) a jump of 40 kWh in 10 s
    // is still within what 50 kW could have done since the start, not since the last reading.
    ['a jump after a slow hour', START + 5000 + 40_000, 3610 * S, { last: { registerWh: START + 5000, atMs: 3600 * S }, nowMs: 3610 * S }, no('too_much_energy', START + 5190)],
    // Readings each at their own bound since the last would add up their slack;
    // the bound since the start holds the total.
    [
      'the bound since the start keeps the slack from adding up',
      START + mostEnergyWh(50_000, 3590 * S) - 10 + 190,
      3600 * S,
      { last: { registerWh: START + mostEnergyWh(50_000, 3590 * S) - 10, atMs: 3590 * S }, nowMs: 3600 * S },
      no('too_much_energy', START + mostEnergyWh(50_000, 3600 * S)),
    ],
  ])('%s', (_name, registerWh, atMs, w, expected) => {
    expect(judge(registerWh, atMs, w)).toEqual(expected);
  });
});

describe('judgeReading: properties', () => {
  const power = fc.integer({ min: 1000, max: 400_000 });
  const steps = fc.array(fc.record({ seconds: fc.integer({ min: 1, max: 900 }), share: fc.double({ min: 0, max: 1, noNaN: true }), lagMs: fc.integer({ min: 0, max: 5000 }) }), {
    minLength: 1,
    maxLength: 60,
  });

  it('never rejects a real charge: any power up to the maximum, any sampling, readings arriving late', () => {
    fc.assert(
      fc.property(power, steps, fc.integer({ min: 0, max: 2 ** 40 }), (maxPowerW, samples, startWh) => {
        const start = { registerWh: startWh, atMs: 0 };
        let last = start;
        let exactWh = startWh;
        for (const { seconds, share, lagMs } of samples) {
          exactWh += (maxPowerW * share * seconds) / 3600;
          // A meter shows whole Wh, rounded down.
          const reading = { registerWh: Math.floor(exactWh), atMs: last.atMs + seconds * S };
          expect(judgeReading({ maxPowerW, start, last, nowMs: reading.atMs + lagMs }, reading)).toEqual({ plausible: true });
          last = reading;
        }
      }),
    );
  });

  it('bounds what any station can make Ladepay accept by the maximum power over the time that passed on Ladepay’s clock', () => {
    const claims = fc.array(fc.record({ registerWh: fc.oneof(fc.integer({ min: START - 1000, max: START + 500_000 }), fc.integer({ min: 0, max: 2 ** 40 })), atMs: fc.integer({ min: -60 * S, max: 10_000 * S }), waitMs: fc.integer({ min: 0, max: 600 * S }) }), {
      minLength: 1,
      maxLength: 80,
    });
    fc.assert(
      fc.property(power, claims, (maxPowerW, readings) => {
        const start = { registerWh: START, atMs: 0 };
        let last = start;
        let nowMs = 0;
        for (const r of readings) {
          nowMs += r.waitMs;
          if (r.atMs < last.atMs) continue; // stale: the caller drops it
          if (judgeReading({ maxPowerW, start, last, nowMs }, r).plausible) last = r;
          // Never backwards, and never more than the connector could deliver
          // from the start until Ladepay's now plus the skew.
          expect(last.registerWh).toBeGreaterThanOrEqual(START);
          expect(last.registerWh - START).toBeLessThanOrEqual(mostEnergyWh(maxPowerW, nowMs + METER_BOUND.clockSkewSeconds * S));
        }
      }),
    );
  });
});
