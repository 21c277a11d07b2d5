import type { EventEmitter } from 'node:events';
import type { ChargingControl } from './charging-control.ts';
import type { ChargingTime } from './charging-time.ts';
import type { ConnectionLifecycle } from './connection-lifecycle.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { OcppLink } from './ocpp-link.ts';
import type { OfflineQueue } from './offline-queue.ts';
import type { Screen } from './screen.ts';
import type { SimClock } from './sim-clock.ts';
import type { StartRequests } from './start-requests.ts';
import type { StationPower } from './station-power.ts';
import type { StationSettings, StationView } from './station-view.ts';
import type { TariffStore } from './tariff-store.ts';
import type { TimeDriver } from './time-driver.ts';

// The station as its protocol dialects see it: the parts a Station is made
// of, behind the commands the CSMS's calls may invoke.

export interface StationParts {
  options: ResolvedOptions;
  settings: StationSettings;
  link: OcppLink;
  queue: OfflineQueue;
  screen: Screen;
  tariffs: TariffStore;
  charging: ChargingControl;
  time: ChargingTime;
  starts: StartRequests;
  clock: SimClock;
  driver: TimeDriver;
  life: ConnectionLifecycle;
  power: StationPower;
  events: EventEmitter;
  refusesRemoteStop(): boolean;
}

export function buildStationView(p: StationParts): StationView {
  const { charging, link, life, driver } = p;
  const updateSettings = (patch: Partial<StationSettings>): void => {
    const before = { ...p.settings };
    Object.assign(p.settings, patch);
    if (p.settings.heartbeatIntervalSec !== before.heartbeatIntervalSec) life.startHeartbeat();
    if (p.settings.meterIntervalSec !== before.meterIntervalSec && !life.stopped) driver.start();
  };
  return {
    options: p.options,
    settings: p.settings,
    link,
    queue: p.queue,
    screen: p.screen,
    tariffs: p.tariffs,
    connectors: () => charging.connectors,
    connector: (no) => charging.connector(no),
    stationOperative: () => charging.stationOperative,
    stationFault: () => charging.stationFault,
    now: () => p.clock.now(),
    sync: () => driver.catchUp(),
    isReady: () => life.ready,
    emit: (event, ...args) => p.events.emit(event, ...args),
    updateSettings,
    remoteStart: (auth, connectorNo) => p.starts.remoteStart(auth, connectorNo),
    remoteStop: (c) => link.afterReply(() => charging.endTransaction(c, 'Remote', 'RemoteStop')),
    rejectsRemoteStop: () => p.refusesRemoteStop(),
    unlock: (c) => link.afterReply(() => charging.endTransaction(c, 'UnlockCommand', 'UnlockCommand')),
    reset: (mode) => p.power.reset(mode, charging.connectors.some((c) => c.tx), (work) => link.afterReply(work)),
    changeAvailability: (target, operative) => charging.changeAvailability(target, operative),
    bootAnswered: (answer) => life.bootAnswered(answer),
    deauthorize: (tx) => {
      const c = charging.connectors.find((x) => x.tx === tx);
      if (c) charging.endTransaction(c, 'DeAuthorized', 'Deauthorized');
    },
    limitGiven: (tx, limit) => {
      tx.limit = limit;
      const c = charging.connectors.find((x) => x.tx === tx);
      // A limit already passed stops the charge at once.
      if (c) {
        driver.catchUp();
        p.time.enforceLimits(c);
      }
    },
  };
}
