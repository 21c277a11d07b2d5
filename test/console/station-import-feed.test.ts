import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedStationPassword } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { readImportCsv } from '../../src/usecases/operator/station-import-csv.ts';
import { stationImport, type ImportRow, type StationImport } from '../../src/usecases/operator/station-import.ts';
import { importStepText } from '../../src/usecases/operator/station-import-summary.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

function rowsOf(csv: string): ImportRow[] {
  const read = readImportCsv(csv);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.rows;
}

const FEED_HEADER = 'station_id;site_id;connector_no;type;max_power_kw;standard;format;power_type;max_voltage;max_amperage;card_terminal';

// The feed data columns of a station import (docs/station-import.md): read
// when there, checked by the core's rules with the line named, and a file
// without them imports as before and leaves what is set alone.
describe.each(testDialects())('station import of feed data on %s', (dialect) => {
  let database: TestDatabase;
  let stations: StationStore;
  let importer: StationImport;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stations = new StationStore(database.db);
    await stations.createSite({ id: 'kaia', name: 'Kaia', address: 'Kaigata 1' }, new Date());
    importer = stationImport({ stations, now: () => new Date(), makePassword: generatedStationPassword });
  });
  afterAll(async () => database?.drop());

  it('reads the feed columns in any case, and leaves them out of a row when the file has none', () => {
    expect(rowsOf(`${FEED_HEADER.toUpperCase()}\nA;kaia;1;CCS;150;iec_62196_t2_combo;cable;dc;920;200;ja\n`)[0]).toMatchObject({
      standard: 'iec_62196_t2_combo',
      format: 'cable',
      powerType: 'dc',
      maxVoltage: '920',
      maxAmperage: '200',
      cardTerminal: 'ja',
    });
    expect(Object.keys(rowsOf('station_id;connector_no\nA;1\n')[0] ?? {})).not.toContain('standard');
  });

  it('creates connectors with the feed data given and their type’s for the rest, and says so in the plan', async () => {
    const csv = [FEED_HEADER, 'HPC-1;kaia;1;CCS;150;iec_62196_t2_combo;cable;dc;920;200;ja', 'HPC-1;kaia;2;Type2;22;;;;;;'].join('\n');
    const plan = await importer.plan(rowsOf(csv));
    expect(plan.errors).toEqual([]);
    expect(plan.steps.map(importStepText)).toEqual([
      'create station HPC-1 "HPC-1" on site kaia with connectors #1 CCS 150 kW [standard IEC_62196_T2_COMBO, format CABLE, power type DC, max voltage 920 V, max amperage 200 A, card terminal yes], #2 Type2 22 kW; a password is made',
    ]);
    expect((await importer.run(rowsOf(csv))).ok).toBe(true);
    expect(await stations.connectorAt('HPC-1', 1)).toMatchObject({ standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 920, maxAmperage: 200, cardTerminal: true });
    expect(await stations.connectorAt('HPC-1', 2)).toMatchObject({ standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, cardTerminal: false });
  });

  it('changes only the feed data a row gives; an old file without the columns changes none of it', async () => {
    const changed = [FEED_HEADER, 'HPC-1;;1;;;;;;1000;;nei', 'HPC-1;;2;;;;cable;;;;'].join('\n');
    const plan = await importer.plan(rowsOf(changed));
    expect(plan.steps.map(importStepText)).toEqual(['change connector HPC-1-1: max voltage to 1000 V, card terminal to no', 'change connector HPC-1-2: format to CABLE']);
    expect((await importer.run(rowsOf(changed))).ok).toBe(true);
    expect(await stations.connectorAt('HPC-1', 1)).toMatchObject({ maxVoltage: 1000, maxAmperage: 200, cardTerminal: false, standard: 'IEC_62196_T2_COMBO' });

    const old = ['station_id;connector_no;type;max_power_kw', 'HPC-1;1;CCS;150', 'HPC-1;2;Type2;22'].join('\n');
    const unchanged = await importer.plan(rowsOf(old));
    expect(unchanged.errors).toEqual([]);
    expect(unchanged.steps.map(importStepText)).toEqual(['connector HPC-1-1 unchanged', 'connector HPC-1-2 unchanged']);
  });

  it('refuses bad feed data by line, naming the column, and writes nothing', async () => {
    const csv = [
      FEED_HEADER,
      'NEW-1;kaia;1;CCS;50;chademo;;;;;', // a standard that is not the plug
      'NEW-2;kaia;1;Type2;22;;plug;;;;', // not a format
      'NEW-3;kaia;1;Type2;22;;;;230;16;', // 230 V × 16 A × 3 is 11 kW
      'NEW-4;kaia;1;CCS;50;;;;high;;maybe', // not numbers, not yes or no
      'HPC-1;;1;;;;;ac_3_phase;;;', // AC on a CCS
    ].join('\n');
    const r = await importer.run(rowsOf(csv));
    expect(r.ok).toBe(false);
    expect(r.plan.errors).toEqual([
      { line: 2, message: 'standard CHADEMO is not what a CCS connector is.' },
      { line: 3, message: 'format "plug" is not SOCKET or CABLE.' },
      { line: 4, message: 'max_power_kw: the power is more than max_voltage and max_amperage allow (11.1 kW).' },
      { line: 5, message: 'max_voltage "high" is not a whole number; card_terminal "maybe" is not yes or no.' },
      { line: 6, message: 'power_type AC_3_PHASE is not what a CCS connector is.' },
    ]);
    expect(await stations.station('NEW-1')).toBeUndefined();
  });
});
