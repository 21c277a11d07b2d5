import { sql, type Kysely, type Updateable } from 'kysely';
import { normalizeConnectorCode } from '../../core/connector-code.ts';
import { connectorDefaults } from '../../core/feed/connector-data.ts';
import { SITE_DATA_DEFAULTS } from '../../core/feed/site-data.ts';
import { connectorStatusOf, stillUnavailable } from '../../core/vocabulary/connector-status.ts';
import type {
  Connector,
  ConnectorPatch,
  NewConnector,
  NewSite,
  NewStation,
  Site,
  SitePatch,
  Station,
  StationPatch,
  StationRegistry,
  StationWrite,
  HardwareReport,
} from '../../usecases/ports/operator-stations.ts';
import { newConnectorCode } from './connector-code.ts';
import type { ConnectorsTable, Database } from './schema.ts';
import { connectorDataColumns, siteDataColumns } from './feed-data-rows.ts';
import type { StationReports, StatusReport, StatusWrite } from '../../usecases/ports/station-reports.ts';
import { StationReportStore } from './station-report-store.ts';
import { connectorOf, siteOf, STATION_COLUMNS, stationOf } from './station-rows.ts';

// The tables the operator edits a row of through a patch.
type PatchedTable = 'sites' | 'stations' | 'connectors';

// An import's update of a row that is gone fails the whole import.
async function mustUpdate(updated: Promise<boolean>, what: string): Promise<void> {
  if (!(await updated)) throw new Error(`${what} is gone: nothing of the import was written`);
}

// A patch's flag as stored (0/1); undefined when the patch leaves it alone.
function storedFlag(value: boolean | undefined): 0 | 1 | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

export class StationStore implements StationRegistry, StationReports {
  private readonly reports: StationReportStore;

  constructor(
    private readonly db: Kysely<Database>,
    // Stamps each edit's updated_at (migration 0017), as a column default
    // would: the charger feeds publish what changed since a time.
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.reports = new StationReportStore(db, clock);
  }

  setStationStatus(stationId: string, report: StatusReport): Promise<StatusWrite> {
    return this.reports.setStationStatus(stationId, report);
  }

  noteUndeclaredConnector(stationId: string, connectorNo: number, report: StatusReport): Promise<boolean> {
    return this.reports.noteUndeclaredConnector(stationId, connectorNo, report);
  }

  hardwareReports(): Promise<HardwareReport[]> {
    return this.reports.hardwareReports();
  }

  async createSite(site: NewSite, now: Date): Promise<void> {
    const { id, name, address, ...data } = site;
    const columns = siteDataColumns({ ...SITE_DATA_DEFAULTS, ...data });
    await this.db
      .insertInto('sites')
      .values({ id, name, address, disabled: 0, created_at: now.toISOString(), updated_at: now.toISOString(), ...(columns as Required<typeof columns>) })
      .execute();
  }

  async listSites(): Promise<Site[]> {
    return (await this.db.selectFrom('sites').selectAll().orderBy('name').execute()).map(siteOf);
  }

  async site(id: string): Promise<Site | undefined> {
    const row = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row && siteOf(row);
  }

  updateSite(id: string, patch: SitePatch): Promise<boolean> {
    const { name, address, disabled, ...data } = patch;
    return this.patchRow(this.db, 'sites', id, { name, address, disabled: storedFlag(disabled), ...siteDataColumns(data) });
  }

  // Station and connectors in one transaction: a station never exists half made.
  async createStation(s: NewStation, now: Date): Promise<Connector[]> {
    return this.db.transaction().execute((trx) => this.insertStation(trx, s, now.toISOString()));
  }

  async writeAll(writes: readonly StationWrite[], now: Date): Promise<Map<string, Connector[]>> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const created = new Map<string, Connector[]>();
      for (const w of writes) {
        if (w.kind === 'create_station') created.set(w.station.id, await this.insertStation(trx, w.station, at));
        else if (w.kind === 'add_connector') {
          const { kind: _kind, stationId, ...connector } = w;
          await this.insertConnector(trx, stationId, { ...connector, code: await this.freeCode(trx) }, at);
        }
        else if (w.kind === 'update_station') await mustUpdate(this.stationPatch(trx, w.id, w.patch), `station ${w.id}`);
        else await mustUpdate(this.connectorPatch(trx, w.id, w.patch), `connector ${w.id}`);
      }
      return created;
    });
  }

  private async insertStation(db: Kysely<Database>, s: NewStation, at: string): Promise<Connector[]> {
    await db
      .insertInto('stations')
      .values({
        id: s.id,
        site_id: s.siteId,
        name: s.name,
        password_hash: s.passwordHash,
        online: 0,
        disabled: 0,
        created_at: at,
        updated_at: at,
        presence_at: at,
      })
      .execute();
    const out: Connector[] = [];
    for (const c of s.connectors) {
      const code = c.code ? normalizeConnectorCode(c.code) : await this.freeCode(db);
      out.push(await this.insertConnector(db, s.id, { ...c, code }, at));
    }
    return out;
  }

  updateStation(id: string, patch: StationPatch): Promise<boolean> {
    return this.stationPatch(this.db, id, patch);
  }

  private stationPatch(db: Kysely<Database>, id: string, patch: StationPatch): Promise<boolean> {
    return this.patchRow(db, 'stations', id, { name: patch.name, site_id: patch.siteId, disabled: storedFlag(patch.disabled), price_display: patch.priceDisplay });
  }

  // A new connector has no status until its station reports one; feed data
  // left out is what its type and power suggest.
  private async insertConnector(db: Kysely<Database>, stationId: string, c: NewConnector & { code: string }, at: string): Promise<Connector> {
    const { connectorNo, type, maxPowerW, code, ...data } = c;
    const row: ConnectorsTable = {
      id: `${stationId}-${c.connectorNo}`,
      station_id: stationId,
      connector_no: connectorNo,
      code,
      type,
      max_power_w: maxPowerW,
      status: 'unknown',
      error_code: null,
      error_info: null,
      vendor_error_code: null,
      status_at: null,
      status_seen_at: null,
      disabled: 0,
      created_at: at,
      ...(connectorDataColumns({ ...connectorDefaults(type, maxPowerW), ...data }) as Required<ReturnType<typeof connectorDataColumns>>),
      evse_id: null,
      updated_at: at,
    };
    await db.insertInto('connectors').values(row).execute();
    return connectorOf(row);
  }

  // One row by id, only the columns the patch names: a field it leaves out
  // (undefined) stays as stored. False when there is no such row.
  private async patchRow<T extends PatchedTable>(db: Kysely<Database>, table: T, id: string, columns: Updateable<Database[T]>): Promise<boolean> {
    const named = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as Updateable<Database[T]>;
    const r = await db
      .updateTable(table as PatchedTable)
      .set({ ...named, updated_at: this.clock().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  private async freeCode(db: Kysely<Database>): Promise<string> {
    for (;;) {
      const code = newConnectorCode();
      const taken = await db.selectFrom('connectors').select('id').where('code', '=', code).executeTakeFirst();
      if (!taken) return code;
    }
  }

  async findCredentials(stationId: string): Promise<{ passwordHash: string; disabled: boolean } | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .select(['password_hash', 'disabled'])
      .where('id', '=', stationId)
      .executeTakeFirst();
    return row ? { passwordHash: row.password_hash, disabled: row.disabled === 1 } : undefined;
  }

  async setPasswordHash(stationId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('stations').set({ password_hash: passwordHash }).where('id', '=', stationId).execute();
  }

  async station(stationId: string): Promise<Station | undefined> {
    const row = await this.db.selectFrom('stations').select(STATION_COLUMNS).where('id', '=', stationId).executeTakeFirst();
    return row && stationOf(row);
  }

  async listStations(): Promise<Station[]> {
    return (await this.db.selectFrom('stations').select(STATION_COLUMNS).orderBy('id').execute()).map(stationOf);
  }

  async connectors(stationId?: string): Promise<Connector[]> {
    let q = this.db.selectFrom('connectors').selectAll().orderBy('station_id').orderBy('connector_no');
    if (stationId) q = q.where('station_id', '=', stationId);
    return (await q.execute()).map(connectorOf);
  }

  async connector(id: string): Promise<Connector | undefined> {
    const row = await this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && connectorOf(row);
  }

  async connectorsByCodes(codes: readonly string[]): Promise<Connector[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.selectFrom('connectors').selectAll().where('code', 'in', [...codes]).orderBy('station_id').orderBy('connector_no').execute();
    return rows.map(connectorOf);
  }

  async addConnector(stationId: string, c: Omit<NewConnector, 'connectorNo' | 'code'>, now: Date): Promise<Connector> {
    return this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('connectors')
        .select((eb) => eb.fn.max('connector_no').as('n'))
        .where('station_id', '=', stationId)
        .executeTakeFirst();
      const connectorNo = Number(last?.n ?? 0) + 1;
      return this.insertConnector(trx, stationId, { ...c, connectorNo, code: await this.freeCode(trx) }, now.toISOString());
    });
  }

  updateConnector(id: string, patch: ConnectorPatch): Promise<boolean> {
    return this.connectorPatch(this.db, id, patch);
  }

  private connectorPatch(db: Kysely<Database>, id: string, patch: ConnectorPatch): Promise<boolean> {
    const { type, maxPowerW, disabled, ...data } = patch;
    return this.patchRow(db, 'connectors', id, { type, max_power_w: maxPowerW, disabled: storedFlag(disabled), ...connectorDataColumns(data) });
  }

  // One statement: a connector given its id by another node meanwhile keeps
  // that one (`evse_id is null`), and the unique index stops two alike.
  async assignEvseIds(connectorIds: readonly string[], prefix: string): Promise<void> {
    if (connectorIds.length === 0) return;
    await this.db
      .updateTable('connectors')
      .set((eb) => ({ evse_id: eb(eb.val(prefix), '||', eb.ref('code')), updated_at: this.clock().toISOString() }))
      .where('id', 'in', [...connectorIds])
      .where('evse_id', 'is', null)
      .execute();
  }

  async connectorByCode(code: string): Promise<Connector | undefined> {
    const row = await this.db.selectFrom('connectors').selectAll().where('code', '=', normalizeConnectorCode(code)).executeTakeFirst();
    return row && connectorOf(row);
  }

  async connectorAt(stationId: string, connectorNo: number): Promise<Connector | undefined> {
    const row = await this.db
      .selectFrom('connectors')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('connector_no', '=', connectorNo)
      .executeTakeFirst();
    return row && connectorOf(row);
  }

  async markConnected(stationId: string, protocol: string, now: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ online: 1, protocol, last_seen_at: now.toISOString(), presence_at: presenceAt(0, now) })
      .where('id', '=', stationId)
      .execute();
  }

  async markBooted(stationId: string, info: { vendor: string; model: string; firmware?: string; serial?: string }, now: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ vendor: info.vendor, model: info.model, firmware: info.firmware ?? null, serial_number: info.serial ?? null, last_boot_at: now.toISOString(), last_seen_at: now.toISOString() })
      .where('id', '=', stationId)
      .execute();
  }

  async markSeen(stationId: string, now: Date): Promise<void> {
    await this.db.updateTable('stations').set({ last_seen_at: now.toISOString() }).where('id', '=', stationId).execute();
  }

  async markDisconnected(stationId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ online: 0, last_seen_at: now.toISOString(), presence_at: presenceAt(1, now) })
      .where('id', '=', stationId)
      // A station another node has taken over meanwhile is not offline.
      .where((eb) => eb.not(eb.exists(eb.selectFrom('station_owners').select('station_owners.station_id').where('station_owners.station_id', '=', stationId))))
      .execute();
  }

  // Status reports may arrive out of order (a queued one after a newer one):
  // an older report never overwrites a newer one, and the same status again
  // (a station repeating itself) is not written again.
  async setConnectorStatus(stationId: string, connectorNo: number, report: StatusReport): Promise<StatusWrite> {
    const iso = report.at.toISOString();
    const row = await this.db
      .selectFrom('connectors')
      .select(['status', 'error_code', 'error_info', 'vendor_error_code', 'status_at'])
      .where('station_id', '=', stationId)
      .where('connector_no', '=', connectorNo)
      .executeTakeFirst();
    if (!row) return 'unknown';
    if (row.status_at !== null && row.status_at > iso) return 'older';
    const status = stillUnavailable(connectorStatusOf(row.status), report.status) ? 'unavailable' : report.status;
    const fields = { status, error_code: report.errorCode ?? null, error_info: report.info ?? null, vendor_error_code: report.vendorErrorCode ?? null };
    if (row.status_at !== null && sameReport(row, fields)) return 'same';
    // A fault already described (2.0.1 NotifyEvent) is not undone by a bare Faulted for it.
    if (row.status === 'faulted' && fields.status === 'faulted' && !describes(fields) && describes(row)) return 'same';
    const r = await this.db
      .updateTable('connectors')
      .set({ ...fields, status_at: iso, status_seen_at: this.clock().toISOString() })
      .where('station_id', '=', stationId)
      .where('connector_no', '=', connectorNo)
      .where((eb) => eb.or([eb('status_at', 'is', null), eb('status_at', '<=', iso)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? 'changed' : 'older';
  }

  async setStationDisabled(stationId: string, disabled: boolean): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ disabled: disabled ? 1 : 0, updated_at: this.clock().toISOString() })
      .where('id', '=', stationId)
      .execute();
  }
}

// The presence time moves only when the station's online flag does (a
// station reconnecting while still marked online has not changed for a feed).
function presenceAt(from: 0 | 1, now: Date) {
  return sql<string>`case when online = ${from} then ${now.toISOString()} else presence_at end`;
}

type ReportFields = { status: string; error_code: string | null; error_info: string | null; vendor_error_code: string | null };

function describes(r: ReportFields): boolean {
  return (r.error_code !== null && r.error_code !== 'NoError') || r.error_info !== null || r.vendor_error_code !== null;
}

function sameReport(a: ReportFields, b: ReportFields): boolean {
  return a.status === b.status && a.error_code === b.error_code && a.error_info === b.error_info && a.vendor_error_code === b.vendor_error_code;
}
