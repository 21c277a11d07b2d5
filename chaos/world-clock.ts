// One clock for the whole chaos world: Ladepay, the stations and the Vipps
// simulator all read it, so the physics stay real in the world's own time
// (a 22 kW connector delivers 22 kW of world time) while the world runs
// `scale` times faster than the wall clock, from one epoch.
export interface WorldClock {
  readonly epochMs: number; // world time = wall time at this instant
  readonly scale: number;
  now(): Date;
  nowMs(): number;
  // The world time at a moment of the wall clock (Date.now() values).
  at(realMs: number): number;
  // World milliseconds as real ones, for timers.
  realMs(worldMs: number): number;
  // Sleeps for a stretch of world time.
  sleep(worldMs: number): Promise<void>;
}

export function worldClock(epochMs: number, scale: number): WorldClock {
  if (!(scale > 0)) throw new Error(`the world clock needs a scale > 0, got ${scale}`);
  const nowMs = () => epochMs + (Date.now() - epochMs) * scale;
  return {
    epochMs,
    scale,
    now: () => new Date(nowMs()),
    nowMs,
    at: (realMs) => epochMs + (realMs - epochMs) * scale,
    realMs: (worldMs) => worldMs / scale,
    sleep: (worldMs) => new Promise((resolve) => setTimeout(resolve, Math.max(0, worldMs / scale))),
  };
}
