import { sleep } from './sleep.ts';
import type { PowerLossOptions, RebootOptions } from './charge-point.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { ChargingControl } from './charging-control.ts';
import type { ConnectionLifecycle } from './connection-lifecycle.ts';
import type { OcppLink } from './ocpp-link.ts';
import type { OfflineQueue } from './offline-queue.ts';
import type { ResetMode } from './station-view.ts';
import type { StopReason } from './transaction.ts';

export interface StationPowerDeps {
  options: ResolvedOptions;
  life: ConnectionLifecycle;
  link: OcppLink;
  queue: OfflineQueue;
  charging: ChargingControl;
  drained(): Promise<void>;
  goOnline(): Promise<void>;
}

// Reboots, resets and power cuts: the station goes away and comes back with a
// BootNotification, having told the CSMS about its transactions, or not.
export class StationPower {
  private resetOnIdle = false;

  constructor(private readonly d: StationPowerDeps) {}

  async reboot(options: RebootOptions = {}, darkMs = 0): Promise<void> {
    const { life, link, charging, queue } = this.d;
    const reason: StopReason = options.reason ?? (options.powerLoss ? 'PowerLoss' : 'Reboot');
    const trigger = reason.endsWith('Reset') ? 'ResetCommand' : 'AbnormalCondition';
    const abrupt = options.powerLoss === true || options.forgetTransactions === true;
    life.holdReconnect = true;
    life.stopReconnecting();
    this.resetOnIdle = false;
    try {
      // A power cut or crash says nothing more; an orderly reboot gets its stops out first.
      if (abrupt) await link.close(true);
      if (options.forgetTransactions) {
        charging.forgetAll(reason);
        queue.clear();
      } else {
        charging.endAll(reason, trigger);
      }
      if (!abrupt) {
        await this.d.drained();
        await link.close(false);
      }
      life.needBoot = true;
      life.bootReason = options.bootReason ?? (options.powerLoss ? 'PowerUp' : 'LocalReset');
      if (darkMs > 0) await sleep(darkMs);
    } finally {
      life.holdReconnect = false;
    }
    if (life.wantOnline && !life.stopped) await this.d.goOnline();
  }

  // The power goes for offMs of station time (paced like its timers; real ms with timeScale 0).
  powerLoss(options: PowerLossOptions = {}): Promise<void> {
    const scale = this.d.options.timeScale;
    const offMs = options.offMs ?? 0;
    const darkMs = scale > 0 ? offMs / scale : offMs;
    return this.reboot({ powerLoss: true, forgetTransactions: options.sendStop === false }, darkMs);
  }

  reset(mode: ResetMode, hasTransactions: boolean, afterReply: (work: () => void) => void): 'Accepted' | 'Scheduled' {
    if (mode === 'OnIdle' && hasTransactions) {
      this.resetOnIdle = true;
      return 'Scheduled';
    }
    const reason: StopReason = mode === 'Soft' ? 'SoftReset' : mode === 'Hard' ? 'HardReset' : 'ImmediateReset';
    const forget = mode !== 'Soft' && this.d.options.resetLosesTransactions;
    afterReply(() => this.rebootInBackground(reason, forget));
    return 'Accepted';
  }

  allIdle(): void {
    if (!this.resetOnIdle) return;
    this.resetOnIdle = false;
    setImmediate(() => this.rebootInBackground('ImmediateReset'));
  }

  private rebootInBackground(reason: StopReason, forgetTransactions = false): void {
    this.reboot({ reason, bootReason: 'RemoteReset', forgetTransactions }).catch((err: unknown) => {
      this.d.options.logger.error(`${this.d.options.stationId}: reset failed:`, err instanceof Error ? err.message : String(err));
    });
  }
}
