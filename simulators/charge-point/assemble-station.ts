import { EventEmitter } from 'node:events';
import { buildStationView, type StationParts } from './build-station-view.ts';
import { ChargingControl } from './charging-control.ts';
import { ChargingTime } from './charging-time.ts';
import { ConnectionLifecycle } from './connection-lifecycle.ts';
import { createOcpp16Dialect } from './ocpp16-dialect.ts';
import { createOcpp201Dialect } from './ocpp201-dialect.ts';
import { OcppLink } from './ocpp-link.ts';
import { OfflineQueue } from './offline-queue.ts';
import { Screen } from './screen.ts';
import { SimClock } from './sim-clock.ts';
import { StartRequests } from './start-requests.ts';
import { StationPower } from './station-power.ts';
import { TariffStore } from './tariff-store.ts';
import { TimeDriver } from './time-driver.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { Dialect, StationSettings } from './station-view.ts';

// The parts a station is made of, wired together once: the charging
// (ChargingControl, ChargingTime, StartRequests), the life on the wire
// (OcppLink, OfflineQueue, ConnectionLifecycle), reboots (StationPower), the
// screen, the tariffs, and the dialect of its protocol over all of them.

// What the parts need of the station's face.
export interface StationFace {
  drained(): Promise<void>;
  goOnline(): Promise<void>;
  refusesRemoteStop(): boolean;
}

export type AssembledStation = Omit<StationParts, 'refusesRemoteStop'> & { dialect: Dialect };

export function assembleStation(options: ResolvedOptions, face: StationFace): AssembledStation {
  const settings: StationSettings = {
    meterIntervalSec: options.meterIntervalSeconds,
    heartbeatIntervalSec: 300,
    authorizeRemoteStart: options.authorizeRemoteStart,
    connectionTimeoutSec: 60,
    webSocketPingIntervalSec: 30,
  };
  const source = options.clock ? () => (options.clock as NonNullable<typeof options.clock>).now().getTime() : Date.now;
  const clock = new SimClock(options.timeScale === 0, source);
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const screen = new Screen(options.display, () => clock.now());
  events.on('transactionStarted', (no: unknown, id: unknown) => id !== undefined && screen.transactionStarted(String(id), Number(no)));
  events.on('transactionEnded', (_no: unknown, id: unknown) => id !== undefined && screen.transactionEnded(String(id)));
  const tariffs = new TariffStore();
  // Parts made later are reached through these closures, called only once all exist.
  const late: { life?: ConnectionLifecycle; dialect?: Dialect; power?: StationPower; driver?: TimeDriver } = {};
  const life = (): ConnectionLifecycle => late.life as ConnectionLifecycle;
  const dialect = (): Dialect => late.dialect as Dialect;
  const link = new OcppLink(options, { opened: () => life().opened(), closed: () => life().closed() });
  const queue = new OfflineQueue({
    send: (action, params) => link.call(action, params),
    canSend: () => life().ready,
    maxLength: options.maxQueuedMessages,
    maxAttempts: options.transactionMessageAttempts,
    retryDelayMs: options.transactionMessageRetryMs,
    logger: options.logger,
  });
  const charging = new ChargingControl({
    options,
    settings,
    dialect,
    now: () => clock.now(),
    isReady: () => life().ready,
    emit: (event, ...args) => events.emit(event, ...args),
    afterReply: (work) => link.afterReply(work),
    allIdle: () => late.power?.allIdle(),
    sync: () => late.driver?.catchUp(),
    tariffAt: (evseId, now) => tariffs.inForce(evseId, now),
  });
  const time = new ChargingTime({ options, settings, charging, dialect, now: () => clock.now() });
  const starts = new StartRequests({
    options,
    settings,
    dialect,
    charging,
    afterReply: (work) => link.afterReply(work),
    paymentInProgress: (evseId) => screen.paymentInProgress(evseId),
  });
  const driver = (late.driver = new TimeDriver(options, settings, clock, time));
  late.life = new ConnectionLifecycle({
    options,
    settings,
    link,
    queue,
    dialect,
    emit: (event) => events.emit(event),
    statusesSent: () => charging.noteAllReported(),
  });
  const power = (late.power = new StationPower({ options, life: late.life, link, queue, charging, drained: face.drained, goOnline: face.goOnline }));
  const parts = { options, settings, link, queue, screen, tariffs, charging, time, starts, clock, driver, life: late.life, power, events };
  const view = buildStationView({ ...parts, refusesRemoteStop: face.refusesRemoteStop });
  late.dialect = options.protocol === 'ocpp1.6' ? createOcpp16Dialect(view) : createOcpp201Dialect(view);
  return { ...parts, dialect: late.dialect };
}
