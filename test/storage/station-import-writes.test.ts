import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import type { StationWrite } from '../../src/usecases/ports/operator-stations.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');

const newStation = (id: string, code?: string): StationWrite => ({
  kind: 'create_station',
  station: { id, siteId: 'oslo', name: id, passwordHash: 'scrypt$x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, ...(code ? { code } : {}) }] },
});

// A bulk import's writes are one transaction: a write that fails at the
// database, first or last, leaves none of the others behind.
describe.each(testDialects())('import writes on %s', (dialect) => {
  let database: TestDatabase;
  let stations: StationStore;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stations = new StationStore(database.db);
    await stations.createSite({ id: 'oslo', name: 'Oslo sentrum', address: 'Karl Johans gate 1' }, t0);
    await stations.createStation({ id: 'OLD', siteId: 'oslo', name: 'Old', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'TAKEN2' }] }, t0);
  });
  afterAll(async () => database?.drop());

  it('writes every station, connector and change, and returns the new stations’ connectors', async () => {
    const made = await stations.writeAll(
      [
        newStation('W-1', 'WWW222'),
        { kind: 'update_station', id: 'OLD', patch: { name: 'Old nord' } },
        { kind: 'add_connector', stationId: 'OLD', connectorNo: 2, type: 'Type2', maxPowerW: 22_000 },
        { kind: 'update_connector', id: 'OLD-1', patch: { maxPowerW: 150_000 } },
      ],
      t0,
    );
    expect([...made].map(([id, cs]) => [id, cs.map((c) => c.code)])).toEqual([['W-1', ['WWW222']]]);
    expect((await stations.station('OLD'))?.name).toBe('Old nord');
    expect((await stations.connectors('OLD')).map((c) => [c.connectorNo, c.maxPowerW])).toEqual([
      [1, 150_000],
      [2, 22_000],
    ]);
  });

  it('writes nothing when the last row collides with a code written since the plan', async () => {
    const attempt = stations.writeAll(
      [newStation('A-1'), { kind: 'update_station', id: 'OLD', patch: { name: 'Renamed' } }, { kind: 'add_connector', stationId: 'OLD', connectorNo: 3, type: 'CCS', maxPowerW: 50_000 }, newStation('A-2', 'TAKEN2')],
      t0,
    );
    await expect(attempt).rejects.toThrow();
    expect(await stations.station('A-1')).toBeUndefined();
    expect(await stations.station('A-2')).toBeUndefined();
    expect((await stations.station('OLD'))?.name).toBe('Old nord');
    expect((await stations.connectors('OLD')).map((c) => c.connectorNo)).toEqual([1, 2]);
  });

  it('writes nothing when a connector number was taken meanwhile, or a row to change is gone', async () => {
    await expect(stations.writeAll([newStation('B-1'), { kind: 'add_connector', stationId: 'OLD', connectorNo: 2, type: 'CCS', maxPowerW: 50_000 }], t0)).rejects.toThrow();
    await expect(stations.writeAll([newStation('B-1'), { kind: 'update_connector', id: 'GONE-1', patch: { type: 'CCS' } }], t0)).rejects.toThrow(/GONE-1 is gone/);
    expect(await stations.station('B-1')).toBeUndefined();
  });
});
