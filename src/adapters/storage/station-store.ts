import type { Kysely } from 'kysely';
import { normalizeConnectorCode } from '../../core/connector-code.ts';
import type {
  Connector,
  ConnectorPatch,
  NewStation,
  Site,
  SitePatch,
  Station,
  StationPatch,
  StationRegistry,
} from '../../usecases/ports/operator-stations.ts';
import { newConnectorCode } from './connector-code.ts';
import type { ConnectorsTable, Database } from './schema.ts';
import type { ConnectorStatus } from '../../core/vocabulary/connector-status.ts';
import { connectorOf, siteOf, STATION_COLUMNS, stationOf } from './station-rows.ts';

export class StationStore implements StationRegistry {
  constructor(private readonly db: Kysely<Database>) {}

  async createSite(site: { id: string; name: string; address: string }, now: Date): Promise<void> {
    await this.db
      .insertInto('sites')
      .values({ ...site, disabled: 0, created_at: now.toISOString() })
      .execute();
  }

  async listSites(): Promise<Site[]> {
    return (await this.db.selectFrom('sites').selectAll().orderBy('name').execute()).map(siteOf);
  }

  async site(id: string): Promise<Site | undefined> {
    const row = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row && siteOf(row);
  }

  async updateSite(id: string, patch: SitePatch): Promise<boolean> {
    const r = await this.db
      .updateTable('sites')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // Station and connectors in one transaction: a station never exists half made.
  async createStation(s: NewStation, now: Date): Promise<Connector[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('stations')
        .values({
          id: s.id,
          site_id: s.siteId,
          name: s.name,
          password_hash: s.passwordHash,
          online: 0,
          disabled: 0,
          created_at: at,
        })
        .execute();
      const out: Connector[] = [];
      for (const c of s.connectors) {
        const row: ConnectorsTable = {
          id: `${s.id}-${c.connectorNo}`,
          station_id: s.id,
          connector_no: c.connectorNo,
          code: c.code ? normalizeConnectorCode(c.code) : await this.freeCode(trx),
          type: c.type,
          max_power_w: c.maxPowerW,
          status: 'unknown',
          error_code: null,
          status_at: null,
          disabled: 0,
          created_at: at,
        };
        await trx.insertInto('connectors').values(row).execute();
        out.push(connectorOf(row));
      }
      return out;
    });
  }

  async updateStation(id: string, patch: StationPatch): Promise<boolean> {
    const r = await this.db
      .updateTable('stations')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.siteId !== undefined ? { site_id: patch.siteId } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
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

  async addConnector(stationId: string, c: { type: string; maxPowerW: number }, now: Date): Promise<Connector> {
    return this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('connectors')
        .select((eb) => eb.fn.max('connector_no').as('n'))
        .where('station_id', '=', stationId)
        .executeTakeFirst();
      const connectorNo = Number(last?.n ?? 0) + 1;
      const row: ConnectorsTable = {
        id: `${stationId}-${connectorNo}`,
        station_id: stationId,
        connector_no: connectorNo,
        code: await this.freeCode(trx),
        type: c.type,
        max_power_w: c.maxPowerW,
        status: 'unknown',
        error_code: null,
        status_at: null,
        disabled: 0,
        created_at: now.toISOString(),
      };
      await trx.insertInto('connectors').values(row).execute();
      return connectorOf(row);
    });
  }

  async updateConnector(id: string, patch: ConnectorPatch): Promise<boolean> {
    const r = await this.db
      .updateTable('connectors')
      .set({
        ...(patch.type !== undefined ? { type: patch.type } : {}),
        ...(patch.maxPowerW !== undefined ? { max_power_w: patch.maxPowerW } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
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
      .set({ online: 1, protocol, last_seen_at: now.toISOString() })
      .where('id', '=', stationId)
      .execute();
  }

  async markBooted(stationId: string, info: { vendor: string; model: string; firmware?: string }, now: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ vendor: info.vendor, model: info.model, firmware: info.firmware ?? null, last_seen_at: now.toISOString() })
      .where('id', '=', stationId)
      .execute();
  }

  async markSeen(stationId: string, now: Date): Promise<void> {
    await this.db.updateTable('stations').set({ last_seen_at: now.toISOString() }).where('id', '=', stationId).execute();
  }

  async markDisconnected(stationId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('stations')
      .set({ online: 0, last_seen_at: now.toISOString() })
      .where('id', '=', stationId)
      .execute();
  }

  // Status reports may arrive out of order (a queued one after a newer one):
  // an older report never overwrites a newer one.
  async setConnectorStatus(
    stationId: string,
    connectorNo: number,
    status: ConnectorStatus,
    errorCode: string | undefined,
    at: Date,
  ): Promise<boolean> {
    const iso = at.toISOString();
    const r = await this.db
      .updateTable('connectors')
      .set({ status, error_code: errorCode ?? null, status_at: iso })
      .where('station_id', '=', stationId)
      .where('connector_no', '=', connectorNo)
      .where((eb) => eb.or([eb('status_at', 'is', null), eb('status_at', '<=', iso)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async setStationDisabled(stationId: string, disabled: boolean): Promise<void> {
    await this.db.updateTable('stations').set({ disabled: disabled ? 1 : 0 }).where('id', '=', stationId).execute();
  }
}
