import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WindowReport } from './load-messages.ts';
import type { CallOutcome } from './load-station.ts';
import { summarize } from './percentiles.ts';

// Counts and timings of the calls made during one measured window.
export class LoadWindow {
  sent = 0;
  answered = 0;
  callErrors = 0;
  timeouts = 0;
  skippedBusy = 0;
  dropped = 0;
  readonly errorCodes = new Map<string, number>();
  private readonly samples: number[] = [];
  private readonly byAction = new Map<string, number[]>();
  private readonly startedAt = process.hrtime.bigint();
  private readonly cpuAtStart = process.cpuUsage();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor(readonly kind: WindowReport['type']) {
    this.loopDelay.enable();
  }

  outcome(action: string, o: CallOutcome): void {
    if (o.kind === 'result') {
      this.answered++;
      this.samples.push(o.ms);
      let list = this.byAction.get(action);
      if (!list) this.byAction.set(action, (list = []));
      list.push(o.ms);
    } else if (o.kind === 'error') {
      this.callErrors++;
      this.errorCodes.set(`${action}: ${o.code}`, (this.errorCodes.get(`${action}: ${o.code}`) ?? 0) + 1);
    } else if (o.kind === 'timeout') {
      this.timeouts++;
    }
  }

  report(stations: number, open: number): WindowReport {
    this.loopDelay.disable();
    const seconds = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const byAction: WindowReport['byAction'] = {};
    for (const [action, list] of this.byAction) byAction[action] = summarize(list);
    return {
      type: this.kind,
      seconds,
      stations,
      sent: this.sent,
      answered: this.answered,
      callErrors: this.callErrors,
      timeouts: this.timeouts,
      skippedBusy: this.skippedBusy,
      dropped: this.dropped,
      open,
      latencyMs: summarize(this.samples),
      byAction,
      generatorCpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
      generatorLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
    };
  }
}
