import { EventEmitter } from 'node:events';
import { ChargingControl } from './charging-control.ts';
import { ConnectionLifecycle } from './connection-lifecycle.ts';
import { OcppLink } from './ocpp-link.ts';
import { OfflineQueue } from './offline-queue.ts';
import { Screen, type ScreenView } from './screen.ts';
import { createOcpp16Dialect } from './ocpp16-dialect.ts';
import { createOcpp201Dialect } from './ocpp201-dialect.ts';
import { SimClock } from './sim-clock.ts';
import { settleWithin } from './sleep.ts';
import { StationPower } from './station-power.ts';
import { TimeDriver } from './time-driver.ts';
import type { CarModel } from './car-model.ts';
import type {
  ChargePoint,
  ConnectorView,
  FaultOptions,
  LateMeterOptions,
  OfflineOptions,
  PowerLossOptions,
  RebootOptions,
  WaitForOptions,
} from './charge-point.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { StopReason } from './transaction.ts';
import type { Frame, ParsedFrame } from './frame-log.ts';
import type { Protocol } from './ocpp-link.ts';
import type { ChargePointEvent, Dialect, StationSettings, StationView } from './station-view.ts';

// One simulated station, as its users see it: the charging (ChargingControl)
// and the life on the wire (ConnectionLifecycle) behind one face, plus the
// things that span both: reboots, resets and the passing of time.
export class Station implements ChargePoint {
  readonly stationId: string;
  readonly protocol: Protocol;
  private readonly settings: StationSettings;
  private readonly clock: SimClock;
  private readonly events = new EventEmitter();
  private readonly link: OcppLink;
  private readonly queue: OfflineQueue;
  private readonly charging: ChargingControl;
  private readonly dialect: Dialect;
  private readonly life: ConnectionLifecycle;
  private readonly power: StationPower;
  private readonly driver: TimeDriver;
  private readonly display: Screen;
  private refusesRemoteStop = false;

  constructor(private readonly options: ResolvedOptions) {
    this.stationId = options.stationId;
    this.protocol = options.protocol;
    this.settings = {
      meterIntervalSec: options.meterIntervalSeconds,
      heartbeatIntervalSec: 300,
      authorizeRemoteStart: options.authorizeRemoteStart,
      connectionTimeoutSec: 60,
      webSocketPingIntervalSec: 30,
    };
    const source = options.clock ? () => (options.clock as NonNullable<typeof options.clock>).now().getTime() : Date.now;
    this.clock = new SimClock(options.timeScale === 0, source);
    this.events.setMaxListeners(100);
    this.display = new Screen(options.display, () => this.clock.now());
    this.events.on('transactionStarted', (_no: unknown, id: unknown) => id !== undefined && this.display.transactionStarted(String(id)));
    this.events.on('transactionEnded', (_no: unknown, id: unknown) => id !== undefined && this.display.transactionEnded(String(id)));
    this.link = new OcppLink(options, { opened: () => this.life.opened(), closed: () => this.life.closed() });
    this.queue = new OfflineQueue({
      send: (action, params) => this.link.call(action, params),
      canSend: () => this.life.ready,
      maxLength: options.maxQueuedMessages,
      maxAttempts: options.transactionMessageAttempts,
      retryDelayMs: options.transactionMessageRetryMs,
      logger: options.logger,
    });
    this.charging = new ChargingControl({
      options,
      settings: this.settings,
      dialect: () => this.dialect,
      now: () => this.clock.now(),
      isReady: () => this.life.ready,
      emit: (event, ...args) => this.events.emit(event, ...args),
      afterReply: (work) => this.link.afterReply(work),
      allIdle: () => this.power.allIdle(),
      sync: () => this.driver.catchUp(),
    });
    this.driver = new TimeDriver(options, this.settings, this.clock, this.charging);
    this.life = new ConnectionLifecycle({
      options,
      settings: this.settings,
      link: this.link,
      queue: this.queue,
      dialect: () => this.dialect,
      emit: (event) => this.events.emit(event),
      statusesSent: () => this.charging.noteAllReported(),
    });
    this.power = new StationPower({
      options,
      life: this.life,
      link: this.link,
      queue: this.queue,
      charging: this.charging,
      drained: () => this.drained(),
      goOnline: () => this.goOnline(),
    });
    const view = this.view();
    this.dialect = options.protocol === 'ocpp1.6' ? createOcpp16Dialect(view) : createOcpp201Dialect(view);
  }

  async start(): Promise<void> {
    this.life.wantOnline = true;
    this.startDriver();
    await this.link.connect();
    await this.life.whenReady();
    await this.drained();
  }

  async plugIn(connectorNo: number, car: Partial<CarModel> = {}): Promise<void> {
    this.charging.plugIn(this.charging.connectorOrThrow(connectorNo), car);
    await this.drained();
  }

  async unplug(connectorNo: number): Promise<void> {
    this.charging.unplug(this.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async pressStop(connectorNo: number): Promise<void> {
    this.charging.pressStop(this.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async setFault(connectorNo: number, errorCode: string, options: FaultOptions = {}): Promise<void> {
    this.charging.setFault(this.charging.connectorOrThrow(connectorNo), errorCode, options.keepCharging ?? false);
    await this.drained();
  }

  async setStationFault(errorCode: string | undefined): Promise<void> {
    this.charging.setStationFault(errorCode);
    await this.drained();
  }

  async pauseCharging(connectorNo: number, paused: boolean): Promise<void> {
    this.charging.pauseCharging(this.charging.connectorOrThrow(connectorNo), paused);
    await this.drained();
  }

  async endTransaction(connectorNo: number, reason: StopReason): Promise<void> {
    const c = this.charging.connectorOrThrow(connectorNo);
    if (c.tx) this.charging.endTransaction(c, reason, 'AbnormalCondition');
    await this.drained();
  }

  async clearFault(connectorNo: number): Promise<void> {
    this.charging.clearFault(this.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async goOffline(options: OfflineOptions = {}): Promise<void> {
    this.life.wantOnline = false;
    this.life.stopReconnecting();
    await this.link.close(true);
    if (options.keepQueue === false) {
      this.queue.clear();
      this.queue.forgetWhileOffline = true;
    }
  }

  async goOnline(): Promise<void> {
    if (this.life.stopped) throw new Error(`${this.stationId} has been stopped`);
    this.queue.forgetWhileOffline = false;
    this.life.wantOnline = true;
    if (!this.link.isOpen()) await this.life.reconnect();
    await this.life.whenReady();
    await this.drained();
  }

  reboot(options: RebootOptions = {}): Promise<void> {
    return this.power.reboot(options);
  }

  powerLoss(options: PowerLossOptions = {}): Promise<void> {
    return this.power.powerLoss(options);
  }

  rejectRemoteStart(on: boolean): void {
    this.charging.rejectRemoteStart = on;
  }

  rejectRemoteStop(on: boolean): void {
    this.refusesRemoteStop = on;
  }

  delayMeterValues(connectorNo: number, options: LateMeterOptions): void {
    const c = this.charging.connectorOrThrow(connectorNo);
    const scale = this.options.timeScale;
    c.lateSamples = options.count ?? 1;
    c.lateHoldMs = scale > 0 ? options.delayMs / scale : options.delayMs;
  }

  glitchMeter(connectorNo: number, addWh: number): void {
    this.charging.connectorOrThrow(connectorNo).glitchWh = addWh;
  }

  ignoreCalls(action: string | null): void {
    this.link.ignoreCalls(action);
  }

  sendRaw(frame: string, timeoutMs = 5_000): Promise<string | undefined> {
    return this.link.sendRaw(frame, timeoutMs);
  }

  async tick(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`tick needs a duration ≥ 0 ms, got ${ms}`);
    this.charging.advance(ms, (step) => this.clock.advance(step));
    await this.drained();
  }

  connector(no: number): ConnectorView {
    const c = this.charging.connectorOrThrow(no);
    this.driver.catchUp();
    return {
      status: this.dialect.statusOf(c),
      transactionId: c.tx ? this.dialect.transactionIdOf(c.tx) : undefined,
      energyWh: c.meter.registerWh,
      powerW: Math.round(c.powerW),
      soc: c.car ? Math.floor(c.car.socPercent) : undefined,
      pluggedIn: c.car !== undefined,
    };
  }

  frames(): Frame[] {
    return this.link.frames.list();
  }

  screen(): ScreenView {
    return this.display.view();
  }

  async waitFor(predicate: (frame: ParsedFrame) => boolean, timeoutMs = 10_000, options: WaitForOptions = {}): Promise<unknown[]> {
    const frame = await this.link.frames.next(predicate, timeoutMs, options.includePast ?? true);
    if (!frame) throw new Error(`${this.stationId}: no matching frame within ${timeoutMs} ms`);
    return frame.message;
  }

  on(event: ChargePointEvent, fn: (...args: unknown[]) => void): void {
    this.events.on(event, fn);
  }

  off(event: ChargePointEvent, fn: (...args: unknown[]) => void): void {
    this.events.off(event, fn);
  }

  now(): Date {
    return this.clock.now();
  }

  isOnline(): boolean {
    return this.life.ready;
  }

  queuedMessages(): number {
    return this.queue.length;
  }

  async drained(): Promise<void> {
    const work = (async () => {
      await this.life.replay;
      await this.queue.whenSettled();
      await this.link.idle();
    })();
    await settleWithin(work, this.options.settleTimeoutMs);
  }

  async stop(): Promise<void> {
    this.life.stop();
    this.driver.stop();
    this.queue.close();
    await this.link.close(false).catch(() => undefined);
  }

  private startDriver(): void {
    if (!this.life.stopped) this.driver.start();
  }

  private updateSettings(patch: Partial<StationSettings>): void {
    const before = { ...this.settings };
    Object.assign(this.settings, patch);
    if (this.settings.heartbeatIntervalSec !== before.heartbeatIntervalSec) this.life.startHeartbeat();
    if (this.settings.meterIntervalSec !== before.meterIntervalSec) this.startDriver();
  }

  private view(): StationView {
    const charging = this.charging;
    return {
      options: this.options,
      settings: this.settings,
      link: this.link,
      queue: this.queue,
      screen: this.display,
      connectors: () => charging.connectors,
      connector: (no) => charging.connector(no),
      stationOperative: () => charging.stationOperative,
      stationFault: () => charging.stationFault,
      now: () => this.clock.now(),
      isReady: () => this.life.ready,
      emit: (event, ...args) => this.events.emit(event, ...args),
      updateSettings: (patch) => this.updateSettings(patch),
      remoteStart: (auth, connectorNo) => charging.remoteStart(auth, connectorNo),
      remoteStop: (c) => this.link.afterReply(() => charging.endTransaction(c, 'Remote', 'RemoteStop')),
      rejectsRemoteStop: () => this.refusesRemoteStop,
      unlock: (c) => this.link.afterReply(() => charging.endTransaction(c, 'UnlockCommand', 'UnlockCommand')),
      reset: (mode) => this.power.reset(mode, charging.connectors.some((c) => c.tx), (work) => this.link.afterReply(work)),
      changeAvailability: (target, operative) => charging.changeAvailability(target, operative),
      bootAnswered: (answer) => this.life.bootAnswered(answer),
      deauthorize: (tx) => {
        const c = charging.connectors.find((x) => x.tx === tx);
        if (c) charging.endTransaction(c, 'DeAuthorized', 'Deauthorized');
      },
    };
  }
}
