import { assembleStation, type AssembledStation } from './assemble-station.ts';
import { limitsView, type LimitsView } from './limits-view.ts';
import { tapPay } from './pay-button.ts';
import { settleWithin } from './sleep.ts';
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
import type { Frame, ParsedFrame } from './frame-log.ts';
import type { Protocol } from './ocpp-link.ts';
import type { ScreenView } from './screen.ts';
import type { ChargePointEvent } from './station-view.ts';
import type { StopReason } from './transaction.ts';

// One simulated station, as its users see it: the charging (ChargingControl)
// and the life on the wire (ConnectionLifecycle) behind one face, plus the
// things that span both: reboots, resets and the passing of time. Its parts
// are wired in assemble-station.ts.
export class Station implements ChargePoint {
  readonly stationId: string;
  private readonly p: AssembledStation;
  private refusesRemoteStop = false;

  constructor(private readonly options: ResolvedOptions) {
    this.stationId = options.stationId;
    this.p = assembleStation(options, {
      drained: () => this.drained(),
      goOnline: () => this.goOnline(),
      refusesRemoteStop: () => this.refusesRemoteStop,
    });
  }

  // The protocol the CSMS picked, of those the station offers.
  get protocol(): Protocol {
    return this.p.link.protocol();
  }

  async start(): Promise<void> {
    this.p.life.wantOnline = true;
    this.startDriver();
    await this.p.link.connect();
    await this.p.life.whenReady();
    await this.drained();
  }

  async plugIn(connectorNo: number, car: Partial<CarModel> = {}): Promise<void> {
    this.p.charging.plugIn(this.p.charging.connectorOrThrow(connectorNo), car);
    await this.drained();
  }

  async unplug(connectorNo: number): Promise<void> {
    this.p.charging.unplug(this.p.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async pressStop(connectorNo: number): Promise<void> {
    this.p.charging.pressStop(this.p.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async setFault(connectorNo: number, errorCode: string, options: FaultOptions = {}): Promise<void> {
    this.p.charging.setFault(this.p.charging.connectorOrThrow(connectorNo), errorCode, options.keepCharging ?? false);
    await this.drained();
  }

  async setStationFault(errorCode: string | undefined): Promise<void> {
    this.p.charging.setStationFault(errorCode);
    await this.drained();
  }

  async pauseCharging(connectorNo: number, paused: boolean): Promise<void> {
    this.p.charging.pauseCharging(this.p.charging.connectorOrThrow(connectorNo), paused);
    await this.drained();
  }

  async endTransaction(connectorNo: number, reason: StopReason): Promise<void> {
    const c = this.p.charging.connectorOrThrow(connectorNo);
    if (c.tx) this.p.charging.endTransaction(c, reason, 'AbnormalCondition');
    await this.drained();
  }

  async clearFault(connectorNo: number): Promise<void> {
    this.p.charging.clearFault(this.p.charging.connectorOrThrow(connectorNo));
    await this.drained();
  }

  async goOffline(options: OfflineOptions = {}): Promise<void> {
    this.p.life.wantOnline = false;
    this.p.life.stopReconnecting();
    await this.p.link.close(true);
    if (options.keepQueue === false) {
      this.p.queue.clear();
      this.p.queue.forgetWhileOffline = true;
    }
  }

  async goOnline(): Promise<void> {
    if (this.p.life.stopped) throw new Error(`${this.stationId} has been stopped`);
    this.p.queue.forgetWhileOffline = false;
    this.p.life.wantOnline = true;
    if (!this.p.link.isOpen()) await this.p.life.reconnect();
    await this.p.life.whenReady();
    await this.drained();
  }

  reboot(options: RebootOptions = {}): Promise<void> {
    return this.p.power.reboot(options);
  }

  powerLoss(options: PowerLossOptions = {}): Promise<void> {
    return this.p.power.powerLoss(options);
  }

  rejectRemoteStart(on: boolean): void {
    this.p.starts.rejectRemoteStart = on;
  }

  async tapCard(evseId: number, idToken: string, type = 'ISO14443'): Promise<'Accepted' | 'Rejected'> {
    const answer = await this.p.starts.localStart(this.p.charging.connectorOrThrow(evseId), { idTag: idToken, tokenType: type });
    await this.drained();
    return answer;
  }

  tapPay(evseId: number): Promise<string> {
    this.p.charging.connectorOrThrow(evseId);
    if (!this.p.life.ready) return Promise.reject(new Error(`${this.stationId} is offline: the Pay button cannot reach the CSMS`));
    return tapPay(this.p.link, evseId);
  }

  qrCode(evseId: number): string | undefined {
    this.p.charging.connectorOrThrow(evseId);
    return this.p.screen.qrCode(evseId);
  }

  limitsFor(evseId: number): LimitsView {
    const c = this.p.charging.connectorOrThrow(evseId);
    this.p.driver.catchUp();
    return limitsView(c, this.options.costSkewPercent);
  }

  rejectRemoteStop(on: boolean): void {
    this.refusesRemoteStop = on;
  }

  delayMeterValues(connectorNo: number, options: LateMeterOptions): void {
    const c = this.p.charging.connectorOrThrow(connectorNo);
    const scale = this.options.timeScale;
    c.lateSamples = options.count ?? 1;
    c.lateHoldMs = scale > 0 ? options.delayMs / scale : options.delayMs;
  }

  glitchMeter(connectorNo: number, addWh: number): void {
    this.p.charging.connectorOrThrow(connectorNo).glitchWh = addWh;
  }

  ignoreCalls(action: string | null): void {
    this.p.link.ignoreCalls(action);
  }

  sendRaw(frame: string, timeoutMs = 5_000): Promise<string | undefined> {
    return this.p.link.sendRaw(frame, timeoutMs);
  }

  async tick(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new Error(`tick needs a duration ≥ 0 ms, got ${ms}`);
    this.p.time.advance(ms, (step) => this.p.clock.advance(step));
    await this.drained();
  }

  connector(no: number): ConnectorView {
    const c = this.p.charging.connectorOrThrow(no);
    this.p.driver.catchUp();
    return {
      status: this.p.dialect.statusOf(c),
      transactionId: c.tx ? this.p.dialect.transactionIdOf(c.tx) : undefined,
      energyWh: c.meter.registerWh,
      powerW: Math.round(c.powerW),
      soc: c.car ? Math.floor(c.car.socPercent) : undefined,
      pluggedIn: c.car !== undefined,
    };
  }

  frames(): Frame[] {
    return this.p.link.frames.list();
  }

  screen(): ScreenView {
    return this.p.screen.view();
  }

  async waitFor(predicate: (frame: ParsedFrame) => boolean, timeoutMs = 10_000, options: WaitForOptions = {}): Promise<unknown[]> {
    const frame = await this.p.link.frames.next(predicate, timeoutMs, options.includePast ?? true);
    if (!frame) throw new Error(`${this.stationId}: no matching frame within ${timeoutMs} ms`);
    return frame.message;
  }

  on(event: ChargePointEvent, fn: (...args: unknown[]) => void): void {
    this.p.events.on(event, fn);
  }

  off(event: ChargePointEvent, fn: (...args: unknown[]) => void): void {
    this.p.events.off(event, fn);
  }

  now(): Date {
    return this.p.clock.now();
  }

  isOnline(): boolean {
    return this.p.life.ready;
  }

  queuedMessages(): number {
    return this.p.queue.length;
  }

  async drained(): Promise<void> {
    const work = (async () => {
      await this.p.life.replay;
      await this.p.queue.whenSettled();
      await this.p.link.idle();
    })();
    await settleWithin(work, this.options.settleTimeoutMs);
  }

  async stop(): Promise<void> {
    this.p.life.stop();
    this.p.driver.stop();
    this.p.queue.close();
    await this.p.link.close(false).catch(() => undefined);
  }

  private startDriver(): void {
    if (!this.p.life.stopped) this.p.driver.start();
  }
}
