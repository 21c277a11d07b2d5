import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carAcceptanceW, charge } from './car-model.ts';
import { EnergyMeter } from './energy-meter.ts';

const car = { batteryWh: 60_000, socPercent: 20, maxPowerW: 11_000 };
const HOUR = 3_600_000;

describe('car model', () => {
  it.each([
    [0, 11_000],
    [50, 11_000],
    [80, 11_000],
    [90, 5_775], // halfway down the taper from 11 kW to 550 W
    [99, 1_072.5],
    [100, 0],
  ])('at %d %% SoC accepts %d W', (soc, watts) => {
    expect(carAcceptanceW(car, soc)).toBeCloseTo(watts, 6);
  });

  it('integrates power into energy below the taper, capped by the connector', () => {
    const hour = charge(car, 20, 22_000, HOUR);
    expect(hour.energyWh).toBeCloseTo(11_000, 6);
    expect(hour.socPercent).toBeCloseTo(20 + (11_000 / 60_000) * 100, 6);
    expect(hour.powerW).toBe(11_000);
    expect(charge(car, 20, 7_400, HOUR / 2).energyWh).toBeCloseTo(3_700, 9);
  });

  it('slows down in the taper and stops drawing when full', () => {
    const taper = charge(car, 80, 22_000, HOUR);
    expect(taper.energyWh).toBeLessThan(11_000);
    expect(taper.powerW).toBeLessThan(11_000);
    const full = charge(car, 80, 22_000, 10 * HOUR);
    expect(full.energyWh).toBeCloseTo(12_000, 6);
    expect([full.socPercent, full.powerW]).toEqual([100, 0]);
    expect(charge(car, 100, 22_000, HOUR)).toEqual({ energyWh: 0, socPercent: 100, powerW: 0 });
  });

  it('never overfills, and the energy delivered is what the battery gained', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 120_000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 350_000 }),
        fc.integer({ min: 0, max: 3 * HOUR }),
        (batteryWh, soc, limitW, ms) => {
          const model = { batteryWh, socPercent: soc, maxPowerW: 11_000 };
          const step = charge(model, soc, limitW, ms);
          expect(step.socPercent).toBeLessThanOrEqual(100);
          expect(step.energyWh).toBeGreaterThanOrEqual(0);
          expect(step.energyWh).toBeCloseTo(((step.socPercent - soc) / 100) * batteryWh, 6);
          expect(step.energyWh).toBeLessThanOrEqual((Math.min(limitW, 11_000) * ms) / HOUR + 1e-6);
        },
      ),
    );
  });
});

describe('energy meter', () => {
  it('reads whole Wh from its start value and never runs backwards', () => {
    const meter = new EnergyMeter(1_000_000);
    meter.add(0.6);
    expect(meter.registerWh).toBe(1_000_000);
    meter.add(0.6);
    meter.add(-50);
    expect(meter.registerWh).toBe(1_000_001);
    expect(() => new EnergyMeter(-1)).toThrow();
  });
});
