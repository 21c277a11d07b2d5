import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/adapters/storage/migrations.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');

describe.each(testDialects())('stores on %s', (dialect) => {
  let database: TestDatabase;
  let stations: StationStore;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stations = new StationStore(database.db);
    await stations.createSite({ id: 'oslo', name: 'Oslo sentrum', address: 'Karl Johans gate 1, 0154 Oslo' }, t0);
  });
  afterAll(async () => database.drop());

  it('creates a station with connectors, each with a unique public code', async () => {
    const connectors = await stations.createStation(
      {
        id: 'CP-1',
        siteId: 'oslo',
        name: 'Lader 1',
        passwordHash: 'scrypt$x',
        connectors: [
          { connectorNo: 1, type: 'CCS', maxPowerW: 50_000 },
          { connectorNo: 2, type: 'Type2', maxPowerW: 22_000, code: 'ab-c 123' },
        ],
      },
      t0,
    );
    expect(connectors.map((c) => c.id)).toEqual(['CP-1-1', 'CP-1-2']);
    expect(connectors[0]?.code).toMatch(/^[2-9A-Z]{6}$/);
    expect(connectors[1]?.code).toBe('ABC123');
    expect(await stations.findCredentials('CP-1')).toEqual({ passwordHash: 'scrypt$x', disabled: false });
    expect(await stations.findCredentials('nope')).toBeUndefined();
    expect((await stations.connectorByCode(' abc-123 '))?.id).toBe('CP-1-2');
  });

  it('never leaves a station half made when a connector fails', async () => {
    const attempt = stations.createStation(
      {
        id: 'CP-BAD',
        siteId: 'oslo',
        name: 'x',
        passwordHash: 'h',
        connectors: [
          { connectorNo: 1, type: 'CCS', maxPowerW: 1, code: 'DUP222' },
          { connectorNo: 2, type: 'CCS', maxPowerW: 1, code: 'DUP222' },
        ],
      },
      t0,
    );
    await expect(attempt).rejects.toThrow();
    expect(await stations.station('CP-BAD')).toBeUndefined();
    expect(await stations.connectorByCode('DUP222')).toBeUndefined();
  });

  it('keeps the newest connector status when reports arrive out of order', async () => {
    const later = new Date(t0.getTime() + 60_000);
    expect(await stations.setConnectorStatus('CP-1', 1, { status: 'charging', errorCode: 'NoError', at: later })).toBe('changed');
    expect(await stations.setConnectorStatus('CP-1', 1, { status: 'available', errorCode: 'NoError', at: t0 })).toBe('older');
    expect((await stations.connectorAt('CP-1', 1))?.status).toBe('charging');
  });

  it('stores a repeated status once, and a fault with its codes', async () => {
    const t1 = new Date(t0.getTime() + 120_000);
    const t2 = new Date(t0.getTime() + 180_000);
    expect(await stations.setConnectorStatus('CP-1', 1, { status: 'faulted', errorCode: 'GroundFailure', info: 'RCD tripped', vendorErrorCode: 'E42', at: t1 })).toBe('changed');
    expect(await stations.setConnectorStatus('CP-1', 1, { status: 'faulted', errorCode: 'GroundFailure', info: 'RCD tripped', vendorErrorCode: 'E42', at: t2 })).toBe('same');
    const c = await stations.connectorAt('CP-1', 1);
    expect(c).toMatchObject({ status: 'faulted', errorCode: 'GroundFailure', errorInfo: 'RCD tripped', vendorErrorCode: 'E42', statusAt: t1.toISOString() });
  });

  it('keeps a connector the station was not set up with apart, noted once', async () => {
    expect(await stations.setConnectorStatus('CP-1', 7, { status: 'available', at: t0 })).toBe('unknown');
    expect(await stations.noteUndeclaredConnector('CP-1', 7, { status: 'available', at: t0 })).toBe(true);
    expect(await stations.noteUndeclaredConnector('CP-1', 7, { status: 'faulted', errorCode: 'OtherError', at: t0 })).toBe(false);
    expect(await stations.connectorAt('CP-1', 7)).toBeUndefined();
  });

  it('keeps a status for the whole station, newest wins', async () => {
    const later = new Date(t0.getTime() + 60_000);
    expect(await stations.setStationStatus('CP-1', { status: 'faulted', errorCode: 'PowerSwitchFailure', at: later })).toBe('changed');
    expect(await stations.setStationStatus('CP-1', { status: 'available', at: t0 })).toBe('older');
    expect(await stations.setStationStatus('CP-1', { status: 'faulted', errorCode: 'PowerSwitchFailure', at: later })).toBe('same');
  });

  it('tracks a station online and offline', async () => {
    await stations.markConnected('CP-1', 'ocpp1.6', t0);
    expect((await stations.station('CP-1'))?.online).toBe(true);
    await stations.markDisconnected('CP-1', t0);
    expect((await stations.station('CP-1'))?.online).toBe(false);
  });

  it('changes only what a patch names, and nothing for an unknown id', async () => {
    const added = await stations.addConnector('CP-1', { type: 'CCS', maxPowerW: 50_000 }, t0);
    expect(added).toMatchObject({ id: 'CP-1-3', stationId: 'CP-1', connectorNo: 3, status: 'unknown', errorCode: null, statusAt: null, disabled: false });
    expect(await stations.updateConnector(added.id, { disabled: true })).toBe(true);
    expect(await stations.connector(added.id)).toEqual({ ...added, disabled: true });
    expect(await stations.updateConnector(added.id, { maxPowerW: 22_000, disabled: false })).toBe(true);
    expect(await stations.connector(added.id)).toEqual({ ...added, maxPowerW: 22_000 });

    expect(await stations.updateStation('CP-1', { name: 'Lader 1 nord' })).toBe(true);
    expect(await stations.station('CP-1')).toMatchObject({ name: 'Lader 1 nord', siteId: 'oslo', disabled: false });
    expect(await stations.updateSite('oslo', { disabled: true })).toBe(true);
    expect(await stations.site('oslo')).toMatchObject({ name: 'Oslo sentrum', address: 'Karl Johans gate 1, 0154 Oslo', disabled: true });
    await stations.updateSite('oslo', { disabled: false });

    expect(await stations.updateStation('nope', { name: 'x' })).toBe(false);
    expect(await stations.updateConnector('nope', { disabled: true })).toBe(false);
  });

  it('allows one active session per connector, enforced by the database', async () => {
    const row = (id: string, active: string | null) => ({
      id,
      token: `tok-${id}`,
      connector_id: 'CP-1-1',
      active_connector_id: active,
      state: 'created',
      vipps_reference: `ref-${id}`,
      id_tag: `tag-${id}`,
      station_id: 'CP-1',
      transaction_id: null,
      remote_start_id: 1,
      max_amount_ore: 35_000,
      data: '{}',
      version: 1,
      created_at: t0.toISOString(),
      updated_at: t0.toISOString(),
    });
    await database.db.insertInto('sessions').values(row('s1', 'CP-1-1')).execute();
    await expect(database.db.insertInto('sessions').values(row('s2', 'CP-1-1')).execute()).rejects.toThrow();
    // Ended sessions release the slot; many ended ones may coexist.
    await database.db.updateTable('sessions').set({ active_connector_id: null }).where('id', '=', 's1').execute();
    await database.db.insertInto('sessions').values(row('s3', null)).execute();
    await database.db.insertInto('sessions').values(row('s4', 'CP-1-1')).execute();
    const n = await database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });

  it('stores settings and hands out counters that never repeat, even concurrently', async () => {
    const settings = new SettingsStore(database.db);
    expect(await settings.get('k')).toBeUndefined();
    await settings.set('k', 'v1', t0);
    await settings.set('k', 'v2', t0);
    expect(await settings.get('k')).toBe('v2');
    const values = await Promise.all(Array.from({ length: 20 }, () => settings.nextCounter('tx')));
    expect(new Set(values).size).toBe(20);
    expect(Math.min(...values)).toBe(1);
    expect(Math.max(...values)).toBe(20);
  });

  it('rolls a failing migration back whole and keeps what was there', async () => {
    const broken = {
      '9999-broken': {
        async up(db: Parameters<typeof migrateToLatest>[0]) {
          await db.schema.createTable('half_made').addColumn('id', 'text').execute();
          await sql`this is not sql`.execute(db);
        },
      },
    };
    await expect(migrateToLatest(database.db, database.dialect, broken)).rejects.toThrow(/9999-broken/);
    const tables = (await database.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_made');
    expect(tables).toContain('sessions');
    expect(await stations.station('CP-1')).toBeDefined();
    // And the good migrations are still recorded as done: running again is a no-op.
    const again = await migrateToLatest(database.db, database.dialect);
    expect(again.results).toEqual([]);
  });
});
