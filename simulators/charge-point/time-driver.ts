import type { ResolvedOptions } from './charge-point-options.ts';
import type { ChargingTime } from './charging-time.ts';
import type { SimClock } from './sim-clock.ts';
import type { StationSettings } from './station-view.ts';

// Real time drives the simulation. With timeScale f, a real second runs f
// simulated seconds; with a shared clock, simulated time is that clock's time:
// the station is caught up with it in small steps, and at once before anything
// changes a connector (catchUp), so each sample and each start or stop carries
// the energy the car drew up to its own moment.
export class TimeDriver {
  private timer?: NodeJS.Timeout;
  private caughtUpTo: number;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly settings: Readonly<StationSettings>,
    private readonly clock: SimClock,
    private readonly charging: ChargingTime,
  ) {
    this.caughtUpTo = clock.sourceNow();
  }

  // Meter values come every MeterValueSampleInterval of simulated time.
  start(): void {
    this.stop();
    const scale = this.options.timeScale;
    if (scale <= 0) return;
    const intervalMs = this.settings.meterIntervalSec * 1000;
    if (this.options.clock) {
      const periodMs = Math.min(250, Math.max(20, intervalMs > 0 ? intervalMs / scale / 20 : 250));
      this.timer = setInterval(() => this.catchUp(), periodMs);
      return;
    }
    const periodMs = Math.min(1000, Math.max(20, intervalMs > 0 ? intervalMs / scale / 4 : 1000));
    let last = performance.now();
    this.timer = setInterval(() => {
      const t = performance.now();
      this.charging.advance((t - last) * scale);
      last = t;
    }, periodMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  catchUp(): void {
    if (!this.options.clock) return;
    const to = this.clock.sourceNow();
    const from = this.caughtUpTo;
    if (to <= from) return;
    this.caughtUpTo = to;
    this.clock.pinned(from, () => this.charging.advance(to - from, (step) => this.clock.advance(step)));
  }
}
