// The car at the end of the cable: how much power it accepts at a given state
// of charge, and what a stretch of charging does to its battery. Pure.

export interface CarModel {
  batteryWh: number; // usable capacity
  socPercent: number; // state of charge when plugged in
  maxPowerW: number; // what the car's charger accepts below the taper
}

export const defaultCar: Readonly<CarModel> = Object.freeze({
  batteryWh: 60_000,
  socPercent: 20,
  maxPowerW: 11_000,
});

// Above this the car ramps its power down linearly, like a real battery
// management system protecting the cells near full.
export const TAPER_START_PERCENT = 80;
// Just below 100 % the car still takes this share of its maximum.
export const TAIL_POWER_SHARE = 0.05;

// The integration slice: power depends on SoC in the taper, so one long step
// would overshoot; one simulated second keeps the error far below 1 Wh.
const SLICE_MS = 1_000;
const MS_PER_HOUR = 3_600_000;

export function carAcceptanceW(car: CarModel, socPercent: number): number {
  if (socPercent >= 100) return 0;
  if (socPercent <= TAPER_START_PERCENT) return car.maxPowerW;
  const tailW = car.maxPowerW * TAIL_POWER_SHARE;
  const through = (socPercent - TAPER_START_PERCENT) / (100 - TAPER_START_PERCENT);
  return car.maxPowerW + (tailW - car.maxPowerW) * through;
}

export interface ChargeResult {
  energyWh: number; // delivered during the step (not rounded)
  socPercent: number; // after the step
  powerW: number; // drawn at the end of the step; 0 once full
}

export function charge(car: CarModel, socPercent: number, limitW: number, durationMs: number): ChargeResult {
  const cap = Math.max(0, limitW);
  let soc = Math.min(100, Math.max(0, socPercent));
  let energyWh = 0;
  let leftMs = Math.max(0, durationMs);
  while (leftMs > 0 && soc < 100) {
    const sliceMs = Math.min(leftMs, SLICE_MS);
    const powerW = Math.min(carAcceptanceW(car, soc), cap);
    if (powerW <= 0) break;
    const roomWh = ((100 - soc) / 100) * car.batteryWh;
    let wh = (powerW * sliceMs) / MS_PER_HOUR;
    if (wh >= roomWh) {
      wh = roomWh;
      soc = 100;
    } else {
      soc += (wh / car.batteryWh) * 100;
    }
    energyWh += wh;
    leftMs -= sliceMs;
  }
  return { energyWh, socPercent: soc, powerW: Math.min(carAcceptanceW(car, soc), cap) };
}
