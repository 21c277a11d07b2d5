import { defaultCar } from './car-model.ts';
import { silentLogger } from './logger.ts';
import type { CarModel } from './car-model.ts';
import type { Frame } from './frame-log.ts';
import type { Logger } from './logger.ts';
import { PROTOCOLS, type Protocol } from './ocpp-link.ts';
import { DISPLAY_OPTIONS, type DisplayOption } from './screen.ts';

// A clock shared with the world around the station (a CSMS and a payment
// service running on the same scaled time): timestamps, meter values and the
// car's charging all follow it. `scale` is how many of its seconds pass in a
// real second; it paces the station's timers.
export interface StationClock {
  now(): Date;
  readonly scale: number;
}

export interface ChargePointOptions {
  csmsUrl: string; // the CSMS endpoint, e.g. 'ws://127.0.0.1:8080/ocpp'; the station id is appended
  stationId: string;
  password?: string; // HTTP Basic auth (security profile 1), username = stationId
  protocol: Protocol;
  // The subprotocols offered on connect, most wanted first; default [protocol]. A 2.1 station may
  // offer ['ocpp2.1', 'ocpp2.0.1'], as real ones do, and speaks whichever the CSMS picks.
  offer?: readonly Protocol[];
  connectors?: number; // default 1; in 2.0.1 each is an EVSE with one connector
  meterIntervalSeconds?: number; // default 10; the CSMS may change it
  timeScale?: number; // default 1; 60 = a real second charges like a minute; 0 = time moves only with tick()
  clock?: StationClock; // instead of timeScale: live by this clock (timestamps and charging)
  meterStartWh?: number; // default 1_000_000
  connectorMaxPowerW?: number; // default 22_000
  requirePluggedInForRemoteStart?: boolean; // default true
  autoPlugIn?: boolean; // a remote start on an empty connector first plugs in the default car
  autoUnplug?: boolean; // the car leaves as soon as its transaction ends (the demo's driver drives off)
  vendor?: string;
  model?: string;
  logger?: Logger;
  // Beyond the basics:
  serialNumber?: string;
  firmwareVersion?: string;
  car?: Partial<CarModel>; // the default car for plugIn() and autoPlugIn
  energyUnit?: 'Wh' | 'kWh'; // unit of Energy.Active.Import.Register in meter values; default Wh
  authorizeRemoteStart?: boolean; // send Authorize before a remote start; default true (1.6), false (2.0.1)
  bootOnReconnect?: boolean; // BootNotification after every reconnect, not only after a (re)boot; default false
  callTimeoutMs?: number; // default 30_000
  bootTimeoutMs?: number; // startChargePoint and goOnline give up after this; default 60_000, 0 = wait for ever
  maxFrames?: number; // frames kept for frames() and waitFor(); default 2_000
  maxQueuedMessages?: number; // offline queue bound; default 10_000
  transactionMessageAttempts?: number; // default 3
  transactionMessageRetryMs?: number; // default 1_000, times the attempt number
  reconnectInitialDelayMs?: number; // default 1_000
  reconnectMaxDelayMs?: number; // default 30_000
  settleTimeoutMs?: number; // how long plugIn(), tick() … wait for the CSMS's answers; default 10_000
  onFrame?: (frame: Frame) => void; // every frame sent or received, as it happens
  txNotFoundReason?: boolean; // 2.0.1: a stop for an unknown transaction is Rejected with reasonCode TxNotFound; default false
  resetLosesTransactions?: boolean; // a Hard/Immediate reset forgets running transactions instead of ending them (HardReset/ImmediateReset); default false
  // A screen that shows prices and costs (screen.ts): 'california' (1.6), 'display-messages' (2.0.1, 2.1); default 'none'.
  display?: DisplayOption;
  // OCPP 2.1: the station takes tariffs (SetDefaultTariff, ChangeTransactionTariff …), computes
  // each transaction's cost itself and says so in TariffCostCtrlr.Enabled[Tariff] and [Cost].
  tariffs?: boolean;
  // The station's own price is off by this many percent (+5: it charges 5 % too much), so a
  // test can make it disagree with the CSMS; default 0.
  costSkewPercent?: number;
}

export type ResolvedOptions = Readonly<
  Required<Omit<ChargePointOptions, 'password' | 'car' | 'onFrame' | 'clock'>> & {
    password?: string;
    car: Readonly<CarModel>;
    onFrame?: (frame: Frame) => void;
    clock?: StationClock;
  }
>;

export function resolveOptions(o: ChargePointOptions): ResolvedOptions {
  if (!/^wss?:\/\//.test(o.csmsUrl)) throw new Error(`csmsUrl must start with ws:// or wss://, got ${o.csmsUrl}`);
  if (!o.stationId) throw new Error('stationId is required');
  if (!PROTOCOLS.includes(o.protocol)) throw new Error(`unknown protocol ${String(o.protocol)}`);
  const offer = Object.freeze([...(o.offer ?? [o.protocol])]);
  if (offer[0] !== o.protocol || offer.some((p) => !PROTOCOLS.includes(p)) || new Set(offer).size !== offer.length) {
    throw new Error(`offer must list distinct protocols starting with ${o.protocol}, got ${offer.join(', ')}`);
  }
  // One dialect speaks 2.0.1 and 2.1; 1.6 is another station altogether.
  if (offer.length > 1 && offer.includes('ocpp1.6')) throw new Error('a station cannot offer ocpp1.6 beside OCPP 2.x');
  const connectors = o.connectors ?? 1;
  if (!Number.isInteger(connectors) || connectors < 1) throw new Error(`connectors must be a positive integer, got ${connectors}`);
  if (o.clock && o.timeScale !== undefined) throw new Error('give either clock or timeScale, not both');
  if (o.clock && !(o.clock.scale > 0)) throw new Error(`clock.scale must be > 0, got ${o.clock.scale}`);
  const timeScale = o.clock ? o.clock.scale : (o.timeScale ?? 1);
  if (!(timeScale >= 0)) throw new Error(`timeScale must be ≥ 0, got ${timeScale}`);
  const display = o.display ?? 'none';
  if (!DISPLAY_OPTIONS.includes(display)) throw new Error(`display must be one of ${DISPLAY_OPTIONS.join(', ')}, got ${String(display)}`);
  if (display === 'california' && o.protocol !== 'ocpp1.6') throw new Error('display california is OCPP 1.6; 2.x has display-messages');
  if (display === 'display-messages' && o.protocol === 'ocpp1.6') throw new Error('display display-messages is OCPP 2.x; 1.6 has california');
  if (o.tariffs && !offer.includes('ocpp2.1')) throw new Error('tariffs are OCPP 2.1: offer ocpp2.1');
  const costSkewPercent = o.costSkewPercent ?? 0;
  if (!(costSkewPercent > -100) || !Number.isFinite(costSkewPercent)) throw new Error(`costSkewPercent must be a number above -100, got ${costSkewPercent}`);
  return Object.freeze({
    csmsUrl: o.csmsUrl,
    stationId: o.stationId,
    password: o.password,
    protocol: o.protocol,
    offer,
    connectors,
    meterIntervalSeconds: o.meterIntervalSeconds ?? 10,
    timeScale,
    meterStartWh: o.meterStartWh ?? 1_000_000,
    connectorMaxPowerW: o.connectorMaxPowerW ?? 22_000,
    requirePluggedInForRemoteStart: o.requirePluggedInForRemoteStart ?? true,
    autoPlugIn: o.autoPlugIn ?? false,
    autoUnplug: o.autoUnplug ?? false,
    vendor: o.vendor ?? 'Ladepay',
    model: o.model ?? 'SimCharger',
    logger: o.logger ?? silentLogger,
    serialNumber: o.serialNumber ?? `SN-${o.stationId}`.slice(0, 25),
    firmwareVersion: o.firmwareVersion ?? 'sim-1.0.0',
    car: Object.freeze({ ...defaultCar, ...o.car }),
    energyUnit: o.energyUnit ?? 'Wh',
    authorizeRemoteStart: o.authorizeRemoteStart ?? o.protocol === 'ocpp1.6',
    bootOnReconnect: o.bootOnReconnect ?? false,
    callTimeoutMs: o.callTimeoutMs ?? 30_000,
    bootTimeoutMs: o.bootTimeoutMs ?? 60_000,
    maxFrames: o.maxFrames ?? 2_000,
    maxQueuedMessages: o.maxQueuedMessages ?? 10_000,
    transactionMessageAttempts: o.transactionMessageAttempts ?? 3,
    transactionMessageRetryMs: o.transactionMessageRetryMs ?? 1_000,
    reconnectInitialDelayMs: o.reconnectInitialDelayMs ?? 1_000,
    reconnectMaxDelayMs: o.reconnectMaxDelayMs ?? 30_000,
    settleTimeoutMs: o.settleTimeoutMs ?? 10_000,
    onFrame: o.onFrame,
    clock: o.clock,
    txNotFoundReason: o.txNotFoundReason ?? false,
    resetLosesTransactions: o.resetLosesTransactions ?? false,
    display,
    tariffs: o.tariffs ?? false,
    costSkewPercent,
  });
}
