import { amountOffer } from '../core/amount-offer.ts';
import type { Tariff } from '../core/tariff.ts';
import { tariffAt } from '../core/tariff-schedule.ts';
import { CAR_PLUGGED_IN, statusIn } from '../core/vocabulary/connector-status.ts';
import type { SessionState } from '../core/vocabulary/session-states.ts';
import type { ChargePointDirectory, ConnectorInfo, StationInfo } from './ports/charge-point-directory.ts';
import type { ConnectorLiveStatus, LandingView, OtherConnectorView } from './ports/driver-views.ts';
import type { Config } from '../config.ts';
import type { ChargerCommands } from './ports/charger.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { SessionEngine } from './session-engine.ts';
import type { StartDropInDeps } from './start-drop-in.ts';
import { tariffView } from './session-view.ts';
import { scheduleView } from './schedule-view.ts';

// The landing page of a connector: where it is, whether a driver can pay now,
// the price, the amounts on offer, and the site's other connectors when this
// one cannot be used.

export interface LandingViewDeps {
  repo: Pick<SessionRepository, 'activeOnConnector'>;
  engine: Pick<SessionEngine, 'now'>;
  directory: ChargePointDirectory;
  charger: Pick<ChargerCommands, 'isOnline'>;
  start: Pick<StartDropInDeps, 'amounts' | 'meterIntervalSeconds'>;
  config: Pick<Config, 'sessions' | 'operator' | 'publicUrl'>;
}

const NO_TARIFF: Tariff = { currency: 'NOK', perKwhOre: 0, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 0, idleGraceMinutes: 0, idleCapOre: 0, vatRateBasisPoints: 2500 };
const MOST_OTHER_CONNECTORS = 24;

function liveStatus(station: Pick<StationInfo, 'online' | 'disabled'>, connector: ConnectorInfo, active: SessionState | undefined): ConnectorLiveStatus {
  if (!station.online) return 'offline';
  // Reserved by someone at the station: not sold (docs/session-states.md).
  if (station.disabled || connector.disabled || connector.status === 'unavailable' || connector.status === 'reserved') return 'unavailable';
  if (connector.status === 'faulted') return 'faulted';
  if (active === 'awaiting_payment') return 'awaiting_payment';
  if (connector.status === 'charging') return active ? 'charging' : 'occupied';
  if (active) return 'occupied';
  if (statusIn(CAR_PLUGGED_IN, connector.status)) return 'car_connected';
  return 'available';
}

async function otherConnectors(d: LandingViewDeps, siteId: string, except: string): Promise<OtherConnectorView[]> {
  const all = await d.directory.connectorsAtSite(siteId, MOST_OTHER_CONNECTORS + 1);
  const others = all.filter((o) => o.connector.id !== except && !o.connector.disabled).slice(0, MOST_OTHER_CONNECTORS);
  return Promise.all(
    others.map(async (o) => {
      const active = await d.repo.activeOnConnector(o.connector.id);
      const online = o.stationOnline && d.charger.isOnline(o.connector.stationId);
      return {
        code: o.connector.code,
        stationName: o.stationName,
        connectorNo: o.connector.connectorNo,
        connectorType: o.connector.type,
        maxPowerW: o.connector.maxPowerW,
        status: liveStatus({ online, disabled: o.stationDisabled }, o.connector, active?.session.state),
      };
    }),
  );
}

export async function landingView(d: LandingViewDeps, code: string): Promise<LandingView | undefined> {
  const connector = await d.directory.connectorByCode(code);
  if (!connector) return undefined;
  const station = await d.directory.station(connector.stationId);
  if (!station) return undefined;
  const now = d.engine.now();
  const scheduled = await d.directory.tariffFor({ id: connector.id, siteId: station.siteId, type: connector.type, maxPowerW: connector.maxPowerW }, now);
  // The amounts on offer use the price in effect now, as startDropIn does.
  const tariff = scheduled && tariffAt(scheduled, now);
  const active = await d.repo.activeOnConnector(connector.id);
  const online = station.online && d.charger.isOnline(station.id);
  const s = d.config.sessions;
  const status = liveStatus({ ...station, online }, connector, active?.session.state);
  const heldForSeconds =
    status === 'awaiting_payment' && active
      ? Math.max(0, Math.ceil((Date.parse(active.session.createdAt) + s.unpaidHoldSeconds * 1000 - now.getTime()) / 1000))
      : undefined;
  const speed = { maxPowerW: connector.maxPowerW, meterIntervalSeconds: d.start.meterIntervalSeconds };
  const amounts = tariff && amountOffer(tariff, d.start.amounts, speed);
  const canStart = amounts !== undefined && (status === 'available' || status === 'car_connected');
  return {
    connectorCode: connector.code,
    siteName: station.siteName,
    siteAddress: station.siteAddress,
    stationName: station.name,
    connectorNo: connector.connectorNo,
    connectorType: connector.type,
    maxPowerW: connector.maxPowerW,
    status,
    ...(heldForSeconds !== undefined ? { heldForSeconds } : {}),
    canStart,
    tariff: tariffView(tariff ?? NO_TARIFF),
    ...(scheduled && scheduled.periods.length > 0 ? { schedule: scheduleView(scheduled, now) } : {}),
    amounts,
    energyAtFullPowerOnly: (tariff?.perHourOre ?? 0) > 0,
    cardPayments: s.cardPayments,
    operatorName: d.config.operator.name,
    termsUrl: d.config.operator.termsUrl ?? `${d.config.publicUrl}/terms`,
    otherConnectors: canStart ? [] : await otherConnectors(d, station.siteId, connector.id),
  };
}
