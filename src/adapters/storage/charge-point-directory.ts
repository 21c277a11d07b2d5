import type { Kysely } from 'kysely';
import { connectorStatusOf, STATION_WIDE_STATUSES, statusIn } from '../../core/vocabulary/connector-status.ts';
import { tariffInForce, type ConnectorTraits } from '../../core/tariff-assignment.ts';
import type { ScheduledTariff } from '../../core/tariff-schedule.ts';
import type { ChargePointDirectory, ConnectorInfo, StationInfo } from '../../usecases/ports/charge-point-directory.ts';
import type { Connector } from '../../usecases/ports/operator-stations.ts';
import type { Database } from './schema.ts';
import type { SettingsStore } from './settings-store.ts';
import { connectorOf } from './station-rows.ts';
import { readSupport } from './station-display-store.ts';
import { showsPrices } from '../../usecases/ports/charger-display.ts';
import { StationStore } from './station-store.ts';
import { TariffStore } from './tariff-store.ts';

function connectorInfo(c: Connector, stationStatus?: string | null): ConnectorInfo {
  const reported = stationStatus ? connectorStatusOf(stationStatus) : undefined;
  const wide = reported && statusIn(STATION_WIDE_STATUSES, reported) ? reported : undefined;
  return {
    id: c.id,
    code: c.code,
    stationId: c.stationId,
    connectorNo: c.connectorNo,
    type: c.type,
    maxPowerW: c.maxPowerW,
    status: wide ?? c.status,
    disabled: c.disabled,
  };
}

export class KyselyChargePointDirectory implements ChargePointDirectory {
  private readonly stations: StationStore;
  private readonly tariffs: TariffStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: SettingsStore,
  ) {
    this.stations = new StationStore(db);
    this.tariffs = new TariffStore(db);
  }

  async connectorByCode(code: string): Promise<ConnectorInfo | undefined> {
    return this.withStationStatus(await this.stations.connectorByCode(code));
  }

  async connectorAt(stationId: string, connectorNo: number): Promise<ConnectorInfo | undefined> {
    return this.withStationStatus(await this.stations.connectorAt(stationId, connectorNo));
  }

  async connectorById(id: string): Promise<ConnectorInfo | undefined> {
    return this.withStationStatus(await this.stations.connector(id));
  }

  private async withStationStatus(c: Connector | undefined): Promise<ConnectorInfo | undefined> {
    if (!c) return undefined;
    const wide = await this.db.selectFrom('station_statuses').select('status').where('station_id', '=', c.stationId).executeTakeFirst();
    return connectorInfo(c, wide?.status);
  }

  async station(stationId: string): Promise<StationInfo | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .innerJoin('sites', 'sites.id', 'stations.site_id')
      .select([
        'stations.id as id',
        'stations.name as name',
        'stations.site_id as siteId',
        'sites.name as siteName',
        'sites.address as siteAddress',
        'stations.online as online',
        'stations.disabled as disabled',
        'sites.disabled as siteDisabled',
        'stations.price_display as priceDisplay',
        'stations.display_support as displaySupport',
      ])
      .where('stations.id', '=', stationId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      siteId: row.siteId,
      siteName: row.siteName,
      siteAddress: row.siteAddress,
      online: row.online === 1,
      disabled: row.disabled === 1 || row.siteDisabled === 1,
      priceOnScreen: row.priceDisplay === 'auto' && showsPrices(readSupport(row.displaySupport)),
    };
  }

  async connectorsAtSite(siteId: string, limit: number) {
    const rows = await this.db
      .selectFrom('connectors')
      .innerJoin('stations', 'stations.id', 'connectors.station_id')
      .leftJoin('station_statuses', 'station_statuses.station_id', 'connectors.station_id')
      .selectAll('connectors')
      .select(['stations.name as stationName', 'stations.online as stationOnline', 'stations.disabled as stationDisabled', 'station_statuses.status as stationStatus'])
      .where('stations.site_id', '=', siteId)
      .orderBy('stations.name')
      .orderBy('connectors.connector_no')
      .limit(limit)
      .execute();
    return rows.map(({ stationName, stationOnline, stationDisabled, stationStatus, ...row }) => ({
      connector: connectorInfo(connectorOf(row), stationStatus),
      stationName,
      stationOnline: stationOnline === 1,
      stationDisabled: stationDisabled === 1,
    }));
  }

  async tariffFor(connector: ConnectorTraits, now: Date): Promise<ScheduledTariff | undefined> {
    const candidates = (await this.tariffs.candidates(connector.siteId, connector.id, now)).map((e) => ({
      ...e,
      assignment: { siteId: e.siteId, connectorId: e.connectorId, powerClass: e.powerClass },
    }));
    const chosen = tariffInForce(candidates, connector, now);
    return chosen && { base: chosen.tariff, periods: chosen.periods };
  }

  nextRemoteStartId(): Promise<number> {
    return this.settings.nextCounter('remote_start_id');
  }

  nextTransactionId(): Promise<number> {
    return this.settings.nextCounter('ocpp16_transaction_id');
  }
}
