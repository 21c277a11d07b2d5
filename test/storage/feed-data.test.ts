import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationList } from '../../src/adapters/storage/migrations.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import type { ConnectorData } from '../../src/core/feed/connector-data.ts';
import { SITE_DATA_DEFAULTS, type SiteData } from '../../src/core/feed/site-data.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');

const kaia: SiteData = {
  city: 'Oslo',
  postalCode: '0252',
  country: 'NO',
  coordinates: { latitude: '59.906900', longitude: '-10.721300' },
  timeZone: 'Europe/Oslo',
  openingHours: {
    twentyFourSeven: false,
    regularHours: [
      { weekday: 1, periodBegin: '07:00', periodEnd: '22:00' },
      { weekday: 6, periodBegin: '10:00', periodEnd: '16:00' },
    ],
  },
  parkingType: 'UNDERGROUND_GARAGE',
  parkingRestrictions: ['EV_ONLY', 'CUSTOMERS'],
  facilities: ['CAFE', 'WIFI'],
  ownerName: 'Kaia Eiendom AS',
};

const hpc: ConnectorData = { standard: 'IEC_62196_T1_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 920, maxAmperage: 200, cardTerminal: true };

// The feed data of sites and connectors (migration 0016): every field written
// and read back, patched one at a time, rows made before 0016 read with the
// defaults, and the EVSE id given once.
describe.each(testDialects())('feed data on %s', (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });
  const fresh = async () => {
    const database = await createTestDatabase(dialect);
    open.push(database);
    return { database, stations: new StationStore(database.db) };
  };

  it('writes and reads every field of a site, and a patch changes only what it names', async () => {
    const { stations } = await fresh();
    await stations.createSite({ id: 'kaia', name: 'Kaia', address: 'Kaigata 5', ...kaia }, t0);
    expect(await stations.site('kaia')).toEqual({ id: 'kaia', name: 'Kaia', address: 'Kaigata 5', disabled: false, createdAt: t0.toISOString(), ...kaia });
    expect(await stations.updateSite('kaia', { city: 'Bergen', coordinates: null, openingHours: { twentyFourSeven: true }, facilities: [] })).toBe(true);
    expect(await stations.site('kaia')).toMatchObject({ ...kaia, city: 'Bergen', coordinates: null, openingHours: { twentyFourSeven: true }, facilities: [] });
    await stations.createSite({ id: 'bare', name: 'Bare', address: '' }, t0);
    expect(await stations.site('bare')).toMatchObject(SITE_DATA_DEFAULTS);
  });

  it('writes and reads every field of a connector, its type’s defaults when none are given, and a patch of one field', async () => {
    const { stations } = await fresh();
    await stations.createSite({ id: 's', name: 'S', address: '' }, t0);
    const made = await stations.createStation(
      { id: 'ST', siteId: 's', name: 'ST', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 150_000, code: 'HPC222', ...hpc }, { connectorNo: 2, type: 'Type2', maxPowerW: 22_000 }] },
      t0,
    );
    expect(made[0]).toMatchObject({ ...hpc, evseId: null });
    expect(await stations.connector('ST-1')).toMatchObject({ type: 'CCS', maxPowerW: 150_000, ...hpc, evseId: null });
    expect(await stations.connector('ST-2')).toMatchObject({ standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, cardTerminal: false });
    await stations.updateConnector('ST-1', { maxAmperage: null, cardTerminal: false });
    expect(await stations.connector('ST-1')).toMatchObject({ ...hpc, maxAmperage: null, cardTerminal: false });
    const added = await stations.addConnector('ST', { type: 'CHAdeMO', maxPowerW: 50_000, maxVoltage: 500, maxAmperage: 125 }, t0);
    expect(added).toMatchObject({ connectorNo: 3, standard: 'CHADEMO', powerType: 'DC', maxVoltage: 500, maxAmperage: 125 });
  });

  it('gives an EVSE id once: a second prefix changes none, and each is the code after the prefix', async () => {
    const { stations } = await fresh();
    await stations.createSite({ id: 's', name: 'S', address: '' }, t0);
    await stations.createStation({ id: 'ST', siteId: 's', name: 'ST', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'AAA222' }, { connectorNo: 2, type: 'CCS', maxPowerW: 50_000, code: 'BBB333' }] }, t0);
    await stations.assignEvseIds(['ST-1'], 'NO*LDP*E');
    await stations.assignEvseIds(['ST-1', 'ST-2'], 'NO*XYZ*E');
    expect((await stations.connectors('ST')).map((c) => c.evseId)).toEqual(['NO*LDP*EAAA222', 'NO*XYZ*EBBB333']);
    await stations.assignEvseIds([], 'NO*LDP*E');
  });

  it('reads a site and connectors written before 0016 with the defaults, their type’s data filled in', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    open.push(database);
    const db = database.db;
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationList(database.dialect) }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0015-price-display')).error).toBeUndefined();
    await sql`insert into sites (id, name, address, disabled, created_at) values ('old', 'Old site', 'Gata 1', 0, '2025-01-01T00:00:00.000Z')`.execute(db);
    await sql`insert into stations (id, site_id, name, password_hash, online, disabled, created_at) values ('OLD', 'old', 'Old', 'h', 0, 0, '2025-01-01T00:00:00.000Z')`.execute(db);
    const connector = (no: number, code: string, type: string, w: number) =>
      sql`insert into connectors (id, station_id, connector_no, code, type, max_power_w, status, disabled, created_at) values (${`OLD-${no}`}, 'OLD', ${no}, ${code}, ${type}, ${w}, 'unknown', 0, '2025-01-01T00:00:00.000Z')`.execute(db);
    await connector(1, 'OLD222', 'CCS', 50_000);
    await connector(2, 'OLD333', 'Type2', 11_000);
    await connector(3, 'OLD444', 'schuko', 3_600);
    await connector(4, 'OLD555', 'Inductive', 11_000);

    await migrateToLatest(db, database.dialect);
    const stations = new StationStore(db);
    expect(await stations.site('old')).toEqual({ id: 'old', name: 'Old site', address: 'Gata 1', disabled: false, createdAt: '2025-01-01T00:00:00.000Z', ...SITE_DATA_DEFAULTS });
    const data = (await stations.connectors('OLD')).map((c) => [c.code, c.standard, c.format, c.powerType, c.maxVoltage, c.maxAmperage, c.cardTerminal, c.evseId]);
    expect(data).toEqual([
      ['OLD222', 'IEC_62196_T2_COMBO', 'CABLE', 'DC', null, null, false, null],
      ['OLD333', 'IEC_62196_T2', 'SOCKET', 'AC_3_PHASE', 230, 16, false, null],
      ['OLD444', 'DOMESTIC_F', 'SOCKET', 'AC_1_PHASE', 230, 16, false, null],
      ['OLD555', null, null, null, null, null, false, null],
    ]);
    // The old rows are as good as new ones: a change is written and read back.
    await stations.updateSite('old', { city: 'Oslo' });
    expect((await stations.site('old'))?.city).toBe('Oslo');
  });
});
