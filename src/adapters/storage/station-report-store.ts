import type { Kysely } from 'kysely';
import { connectorStatusOf, type ConnectorStatusOrUnknown } from '../../core/vocabulary/connector-status.ts';
import type { Database } from './schema.ts';
import type { StatusReport, StatusWrite } from '../../usecases/ports/station-reports.ts';
import type { HardwareReport } from '../../usecases/ports/operator-stations.ts';

// What a station reports beyond its declared connectors: a status for the
// whole station (OCPP 1.6 connector 0, 2.0.1 EVSE 0), and connectors Ladepay
// was not set up with (accepted, shown to the operator, never sold).

export interface StationWideStatus {
  status: ConnectorStatusOrUnknown;
  errorCode: string | null;
  info: string | null;
  vendorErrorCode: string | null;
  at: string;
}

export interface UndeclaredConnector {
  connectorNo: number;
  status: ConnectorStatusOrUnknown;
  errorCode: string | null;
  firstAt: string;
  lastAt: string;
}

export class StationReportStore {
  constructor(
    private readonly db: Kysely<Database>,
    // Stamps when a status was recorded (seen_at, migration 0020).
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async setStationStatus(stationId: string, report: StatusReport): Promise<StatusWrite> {
    const iso = report.at.toISOString();
    const fields = {
      status: report.status,
      error_code: report.errorCode ?? null,
      error_info: report.info ?? null,
      vendor_error_code: report.vendorErrorCode ?? null,
    };
    return this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('station_statuses').selectAll().where('station_id', '=', stationId).executeTakeFirst();
      if (row && row.status_at > iso) return 'older';
      if (row && row.status === fields.status && row.error_code === fields.error_code && row.error_info === fields.error_info && row.vendor_error_code === fields.vendor_error_code) {
        return 'same';
      }
      const seen_at = this.clock().toISOString();
      if (row) await tx.updateTable('station_statuses').set({ ...fields, status_at: iso, seen_at }).where('station_id', '=', stationId).execute();
      else await tx.insertInto('station_statuses').values({ station_id: stationId, ...fields, status_at: iso, seen_at }).execute();
      return 'changed';
    });
  }

  async stationStatus(stationId: string): Promise<StationWideStatus | undefined> {
    const row = await this.db.selectFrom('station_statuses').selectAll().where('station_id', '=', stationId).executeTakeFirst();
    if (!row) return undefined;
    return { status: connectorStatusOf(row.status), errorCode: row.error_code, info: row.error_info, vendorErrorCode: row.vendor_error_code, at: row.status_at };
  }

  // True the first time this connector is heard of, so it is logged once.
  async noteUndeclaredConnector(stationId: string, connectorNo: number, report: StatusReport): Promise<boolean> {
    const iso = report.at.toISOString();
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('undeclared_connectors')
        .select('connector_no')
        .where('station_id', '=', stationId)
        .where('connector_no', '=', connectorNo)
        .executeTakeFirst();
      const fields = { status: report.status, error_code: report.errorCode ?? null, last_at: iso };
      if (row) {
        await tx.updateTable('undeclared_connectors').set(fields).where('station_id', '=', stationId).where('connector_no', '=', connectorNo).execute();
        return false;
      }
      await tx.insertInto('undeclared_connectors').values({ station_id: stationId, connector_no: connectorNo, ...fields, first_at: iso }).execute();
      return true;
    });
  }

  async undeclaredConnectors(stationId: string): Promise<UndeclaredConnector[]> {
    const rows = await this.db.selectFrom('undeclared_connectors').selectAll().where('station_id', '=', stationId).orderBy('connector_no').execute();
    return rows.map((r) => ({ connectorNo: r.connector_no, status: connectorStatusOf(r.status), errorCode: r.error_code, firstAt: r.first_at, lastAt: r.last_at }));
  }

  async hardwareReports(): Promise<HardwareReport[]> {
    const [wide, undeclared] = await Promise.all([
      this.db.selectFrom('station_statuses').selectAll().execute(),
      this.db.selectFrom('undeclared_connectors').selectAll().orderBy('station_id').orderBy('connector_no').execute(),
    ]);
    const byStation = new Map<string, HardwareReport>();
    const of = (id: string) => byStation.get(id) ?? byStation.set(id, { stationId: id, undeclared: [] }).get(id)!;
    for (const r of wide) of(r.station_id).stationStatus = { status: connectorStatusOf(r.status), errorCode: r.error_code, info: r.error_info, at: r.status_at };
    for (const r of undeclared) of(r.station_id).undeclared.push({ connectorNo: r.connector_no, status: connectorStatusOf(r.status), errorCode: r.error_code, lastAt: r.last_at });
    return [...byStation.values()];
  }
}
