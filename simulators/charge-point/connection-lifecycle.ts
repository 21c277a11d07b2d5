import { sleep } from './sleep.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { OcppLink } from './ocpp-link.ts';
import type { OfflineQueue } from './offline-queue.ts';
import type { BootAnswer, BootReason, ChargePointEvent, Dialect, StationSettings } from './station-view.ts';

export interface LifecycleDeps {
  options: ResolvedOptions;
  settings: StationSettings;
  link: OcppLink;
  queue: OfflineQueue;
  dialect(): Dialect;
  emit(event: ChargePointEvent): void;
  statusesSent(): void; // the dialect has just sent every connector's status
}

// A station's life on the wire: connect, boot, heartbeat, replay what waited
// offline, and reconnect when the link drops, unless told not to.
export class ConnectionLifecycle {
  ready = false; // connected and booted: messages may flow
  wantOnline = false;
  stopped = false;
  holdReconnect = false; // a reboot closes the link on purpose
  needBoot = true;
  bootReason: BootReason = 'PowerUp';
  replay: Promise<void> = Promise.resolve();
  private connection = new AbortController(); // aborted when the socket closes
  private reconnecting = new AbortController();
  private heartbeatTimer?: NodeJS.Timeout;
  private readyWaiters: Array<() => void> = [];

  constructor(private readonly deps: LifecycleDeps) {}

  opened(): void {
    this.connection = new AbortController();
    this.deps.emit('connected');
    if (this.needBoot || this.deps.options.bootOnReconnect) void this.bootLoop(this.connection.signal);
    else this.becomeReady();
  }

  closed(): void {
    this.ready = false;
    this.connection.abort();
    clearInterval(this.heartbeatTimer);
    this.deps.emit('disconnected');
    if (this.wantOnline && !this.holdReconnect && !this.stopped) {
      this.deps.options.logger.warn(`${this.deps.options.stationId}: connection lost, reconnecting`);
      void this.reconnect();
    }
  }

  async reconnect(): Promise<void> {
    this.reconnecting.abort();
    this.reconnecting = new AbortController();
    await this.deps.link.connectUntilOpen(this.reconnecting.signal);
  }

  stopReconnecting(): void {
    this.reconnecting.abort();
  }

  stop(): void {
    this.stopped = true;
    this.wantOnline = false;
    this.reconnecting.abort();
    this.connection.abort();
    clearInterval(this.heartbeatTimer);
  }

  // OCPP 1.6 §4.2 / 2.0.1 B01–B03: nothing but BootNotification until Accepted;
  // Pending or Rejected retry after the interval the CSMS gave.
  private async bootLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.ready) {
      let waitSec = 10;
      try {
        const answer = await this.deps.dialect().boot(this.bootReason);
        if (signal.aborted) return;
        this.bootAnswered(answer);
        if (answer.status === 'Accepted') return;
        if (answer.interval > 0) waitSec = answer.interval;
      } catch (err) {
        this.deps.options.logger.warn(`${this.deps.options.stationId}: BootNotification failed:`, err instanceof Error ? err.message : String(err));
      }
      await sleep(waitSec * 1000, signal);
    }
  }

  bootAnswered(answer: BootAnswer): void {
    if (answer.status !== 'Accepted') {
      this.deps.options.logger.info(`${this.deps.options.stationId}: boot ${answer.status}, retrying in ${answer.interval} s`);
      return;
    }
    if (answer.interval > 0) this.deps.settings.heartbeatIntervalSec = answer.interval;
    if (!this.ready && this.deps.link.isOpen()) this.becomeReady();
    else this.startHeartbeat();
  }

  private becomeReady(): void {
    const { options, queue } = this.deps;
    this.ready = true;
    this.needBoot = false;
    this.bootReason = 'PowerUp';
    options.logger.info(`${options.stationId}: online (${this.deps.link.protocol()})`);
    this.startHeartbeat();
    // The backlog first: it tells what happened before the statuses of now.
    queue.resume();
    this.replay = queue.whenSettled().then(() => {
      if (!this.ready) return;
      this.deps.dialect().sendAllStatuses();
      this.deps.statusesSent();
    });
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((done) => done());
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    const { stationId, bootTimeoutMs } = this.deps.options;
    return new Promise((resolve, reject) => {
      const timer =
        bootTimeoutMs > 0
          ? setTimeout(() => {
              this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
              reject(new Error(`${stationId}: no accepted BootNotification within ${bootTimeoutMs} ms`));
            }, bootTimeoutMs)
          : undefined;
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.push(done);
    });
  }

  startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const seconds = this.deps.settings.heartbeatIntervalSec;
    if (seconds <= 0 || this.stopped || !this.ready) return;
    this.heartbeatTimer = setInterval(() => {
      if (this.ready) this.deps.dialect().heartbeat();
    }, seconds * 1000);
  }
}
