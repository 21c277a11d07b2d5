import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyChargePointDirectory } from '../../src/adapters/storage/charge-point-directory.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { validatePeriods } from '../../src/core/tariff-schedule.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';
import { aTariff } from '../support/tariff-builder.ts';

// The tariff a connector sells by, read from the database: periods kept whole,
// and the most specific assignment in force chosen among operator-wide, site,
// power class and connector tariffs (docs/pricing.md, "Which tariff applies").
describe.each(testDialects())('tariffs for a connector on %s', (dialect) => {
  let database: TestDatabase;
  let directory: KyselyChargePointDirectory;
  const now = new Date('2026-06-15T10:00:00Z');
  const from = new Date('2026-01-01T00:00:00Z');
  const connector = (id: string, siteId: string, type: string, maxPowerW: number) => ({ id, siteId, type, maxPowerW });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const stations = new StationStore(database.db);
    for (const site of ['oslo', 'bergen']) await stations.createSite({ id: site, name: site, address: `${site} 1` }, now);
    await stations.createStation({ id: 'OSL-1', siteId: 'oslo', name: 'Oslo 1', passwordHash: 'x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 150_000, code: 'OSL1A' }, { connectorNo: 2, type: 'Type2', maxPowerW: 22_000, code: 'OSL1B' }] }, now);
    const tariffs = new TariffStore(database.db);
    const evening = validatePeriods(aTariff({ perKwhOre: 300 }), [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590 }]);
    if (!evening.ok) throw new Error('invalid periods');
    await tariffs.create({ id: 'all', siteId: null, name: 'all', tariff: aTariff({ perKwhOre: 100 }), validFrom: from }, now);
    await tariffs.create({ id: 'oslo', siteId: 'oslo', name: 'oslo', tariff: aTariff({ perKwhOre: 300 }), periods: evening.value, validFrom: from }, now);
    await tariffs.create({ id: 'dc', siteId: null, name: 'dc', tariff: aTariff({ perKwhOre: 400 }), powerClass: { current: 'DC', minPowerW: 0, maxPowerW: null }, validFrom: from }, now);
    await tariffs.create({ id: 'oslo-fast', siteId: 'oslo', name: 'oslo fast', tariff: aTariff({ perKwhOre: 500 }), powerClass: { current: null, minPowerW: 100_000, maxPowerW: null }, validFrom: from }, now);
    const [, type2] = await stations.connectors('OSL-1');
    await tariffs.create({ id: 'own', siteId: 'oslo', connectorId: type2!.id, name: 'own', tariff: aTariff({ perKwhOre: 600 }), validFrom: from }, now);
    await tariffs.create({ id: 'own-later', siteId: 'oslo', connectorId: type2!.id, name: 'own later', tariff: aTariff({ perKwhOre: 700 }), validFrom: new Date('2027-01-01T00:00:00Z') }, now);
    directory = new KyselyChargePointDirectory(database.db, new SettingsStore(database.db));
  });
  afterAll(async () => database?.drop());

  it('takes the most specific assignment in force', async () => {
    const [dc150, type2] = await new StationStore(database.db).connectors('OSL-1');
    const price = async (c: ReturnType<typeof connector>) => (await directory.tariffFor(c, now))?.base.perKwhOre;
    expect(await price(connector(type2!.id, 'oslo', 'Type2', 22_000))).toBe(600); // its own, not yet the later one
    expect(await price(connector(dc150!.id, 'oslo', 'CCS', 150_000))).toBe(500); // the site's fast class
    expect(await price(connector('other-dc', 'oslo', 'CCS', 50_000))).toBe(400); // the operator-wide DC class
    expect(await price(connector('other-ac', 'oslo', 'Type2', 11_000))).toBe(300); // the site
    expect(await price(connector('far-ac', 'bergen', 'Type2', 11_000))).toBe(100); // operator-wide
  });

  it('keeps the periods as they were made', async () => {
    const t = await directory.tariffFor(connector('other-ac', 'oslo', 'Type2', 11_000), now);
    expect(t?.periods).toEqual([{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', prices: expect.objectContaining({ perKwhOre: 590, startFeeOre: 0 }) }]);
    expect((await new TariffStore(database.db).byId('dc'))?.powerClass).toEqual({ current: 'DC', minPowerW: 0, maxPowerW: null });
  });
});
