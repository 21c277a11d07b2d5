import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedStationPassword } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { readImportCsv } from '../../src/usecases/operator/station-import-csv.ts';
import { planDigest, stationImport, type ImportRow, type StationImport } from '../../src/usecases/operator/station-import.ts';
import { importStepText } from '../../src/usecases/operator/station-import-summary.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

function rowsOf(csv: string): ImportRow[] {
  const read = readImportCsv(csv);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.rows;
}

// Bulk set-up from CSV on a real database: the dry run lists every step and
// every error by line, and an import with an error writes nothing.
describe.each(testDialects())('station import on %s', (dialect) => {
  let database: TestDatabase;
  let stations: StationStore;
  let importer: StationImport;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stations = new StationStore(database.db);
    const now = new Date();
    await stations.createSite({ id: 'kaia', name: 'Kaia', address: 'Kaigata 1' }, now);
    await stations.createSite({ id: 'torget', name: 'Torget', address: 'Torget 2' }, now);
    importer = stationImport({
      stations,
      now: () => new Date(),
      makePassword: generatedStationPassword,
    });
  });
  afterAll(async () => database?.drop());

  it('reads comma or semicolon files with a byte-order mark, columns in any order and case', () => {
    const rows = rowsOf('\ufeffStation_ID;Connector_No;Type;Max_Power_kW;Site_ID\nA-1;1;ccs;50;kaia\n');
    expect(rows).toEqual([{ line: 2, stationId: 'A-1', siteId: 'kaia', name: '', connectorNo: '1', type: 'ccs', maxPowerKw: '50', code: '' }]);
    expect(readImportCsv('station_id,connector_no,colour\nA,1,red\n')).toEqual({ ok: false, errors: [{ line: 1, message: expect.stringContaining('Unknown column "colour"') }] });
    expect(readImportCsv('station_id,site_id\nA,kaia\n')).toEqual({ ok: false, errors: [{ line: 1, message: 'Missing column connector_no.' }] });
    expect(readImportCsv('station_id,connector_no\nA,1,extra\n').ok).toBe(false);
  });

  it('creates new stations with their connectors and a password each, shown once', async () => {
    const csv = [
      'station_id,site_id,name,connector_no,type,max_power_kw,code',
      'KAIA-1,kaia,Kaia nord,1,CCS,150,KJA234',
      'KAIA-1,kaia,Kaia nord,2,Type2,22,',
      'KAIA-2,kaia,,1,CHAdeMO,"7,4",',
    ].join('\n');
    const plan = await importer.plan(rowsOf(csv));
    expect(plan.errors).toEqual([]);
    expect(plan.steps.map(importStepText)).toEqual([
      'create station KAIA-1 "Kaia nord" on site kaia with connectors #1 CCS 150 kW (code KJA234), #2 Type2 22 kW; a password is made',
      'create station KAIA-2 "KAIA-2" on site kaia with connectors #1 CHAdeMO 7.4 kW; a password is made',
    ]);
    expect(await stations.station('KAIA-1')).toBeUndefined(); // a dry run writes nothing
    const r = await importer.run(rowsOf(csv));
    if (!r.ok) throw new Error(JSON.stringify(r.plan.errors));
    expect(r.created.map((c) => [c.stationId, c.connectors.map((k) => k.connectorNo)])).toEqual([
      ['KAIA-1', [1, 2]],
      ['KAIA-2', [1]],
    ]);
    expect(r.created[0]?.password).not.toBe(r.created[1]?.password);
    expect((await stations.connectorAt('KAIA-1', 1))?.code).toBe('KJA234');
    expect((await stations.connectorAt('KAIA-2', 1))?.maxPowerW).toBe(7400);
  });

  it('changes what differs on existing stations, adds the next connector, and says what stays', async () => {
    const csv = ['station_id;site_id;name;connector_no;type;max_power_kw', 'KAIA-1;torget;;1;CCS;150', 'KAIA-1;;;2;Type2;11', 'KAIA-1;;;3;Type2;11'].join('\n');
    const plan = await importer.plan(rowsOf(csv));
    expect(plan.errors).toEqual([]);
    expect(plan.steps.map(importStepText)).toEqual([
      'change station KAIA-1: site to torget',
      'connector KAIA-1-1 unchanged',
      // The amperage followed the rating, so it follows the new one (docs/feed-data.md).
      'change connector KAIA-1-2: max power to 11 kW, max amperage to 16 A',
      'add connector #3 Type2 11 kW to station KAIA-1; a code is made',
    ]);
    const r = await importer.run(rowsOf(csv));
    expect(r.ok && r.created).toEqual([]);
    expect((await stations.station('KAIA-1'))?.siteId).toBe('torget');
    expect((await stations.connectors('KAIA-1')).map((c) => [c.connectorNo, c.type, c.maxPowerW])).toEqual([
      [1, 'CCS', 150_000],
      [2, 'Type2', 11_000],
      [3, 'Type2', 11_000],
    ]);
  });

  it('lists every error by line and writes nothing while there is one', async () => {
    const csv = [
      'station_id,site_id,name,connector_no,type,max_power_kw,code',
      'NEW-1,kaia,Ny,1,CCS,50,', // fine on its own
      'bad id!,kaia,,1,CCS,50,',
      'NEW-2,nowhere,,1,CCS,50,',
      'NEW-3,kaia,,2,CCS,50,',
      'NEW-4,kaia,,1,Tesla,5000,',
      'NEW-5,kaia,,1,CCS,50,KJA234',
      'NEW-1,torget,Ny,2,CCS,50,',
      'NEW-1,kaia,Ny,1,CCS,50,',
      'KAIA-1,,,9,CCS,50,',
    ].join('\n');
    const r = await importer.run(rowsOf(csv));
    expect(r.ok).toBe(false);
    expect(r.plan.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.plan.errors.map((e) => e.message)).toEqual([
      'station_id must be 1 to 48 letters, digits, "_", "." or "-".',
      'no active site "nowhere": add it under Sites first, or leave site_id empty for an existing station.',
      'station NEW-3 is new: its connectors must be numbered 1, 2, 3 … without gaps (connector 1 is missing).',
      'type "Tesla" is not one of CCS, Type2, CHAdeMO, Type1, Schuko; max_power_kw "5000" is not a power from 1 to 1000 kW (e.g. 50 or 7.4).',
      'code KJA234 belongs to KAIA-1 connector 1.',
      'site_id "torget" differs from line 2\'s "kaia" for station NEW-1.',
      'station NEW-1 connector 1 is on line 2 already.',
      'station KAIA-1 has connectors up to 3: the next one added is 4, not 9.',
    ]);
    expect(await stations.station('NEW-1')).toBeUndefined();
  });

  it('writes nothing of a file whose last row fails at the database: a code taken by a change made while it ran', async () => {
    const csv = ['station_id,site_id,name,connector_no,type,max_power_kw,code', 'TX-1,kaia,,1,CCS,50,', 'KAIA-1,,Kaia sør,1,,,', 'TX-2,kaia,,1,CCS,50,TXC234'].join('\n');
    // While the import plans its last station (the codes already checked), another operator adds a
    // station whose connector takes TX-2's code.
    const racing = Object.assign(Object.create(stations) as StationStore, {
      station: async (id: string) => {
        if (id === 'TX-2') await stations.createStation({ id: 'OTHER', siteId: 'kaia', name: 'Other', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'TXC234' }] }, new Date());
        return stations.station(id);
      },
    });
    const racingImport = stationImport({ stations: racing, now: () => new Date(), makePassword: generatedStationPassword });
    await expect(racingImport.run(rowsOf(csv))).rejects.toThrow();
    expect(await stations.station('TX-1')).toBeUndefined();
    expect((await stations.station('KAIA-1'))?.name).toBe('Kaia nord');
    expect((await stations.connectorByCode('TXC234'))?.stationId).toBe('OTHER');
  });

  it('carries out only the plan the dry run showed', async () => {
    const csv = ['station_id,site_id,name,connector_no,type,max_power_kw', 'SH-1,kaia,,1,CCS,50'].join('\n');
    const shown = planDigest(await importer.plan(rowsOf(csv)));
    const edited = await importer.run(rowsOf(csv.replace('CCS,50', 'CCS,60')), shown);
    expect(edited).toMatchObject({ ok: false, stale: true });
    expect(await stations.station('SH-1')).toBeUndefined();
    expect((await importer.run(rowsOf(csv), shown)).ok).toBe(true);
    expect(await stations.station('SH-1')).toBeDefined();
  });
});
