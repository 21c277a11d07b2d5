import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../src/adapters/storage/migrations.ts';
import { openDatabase, type OpenDatabase } from '../src/adapters/storage/open-database.ts';
import { StationStore } from '../src/adapters/storage/station-store.ts';
import { aTariff } from '../test/support/tariff-builder.ts';
import { TariffStore } from '../src/adapters/storage/tariff-store.ts';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchDatabase extends OpenDatabase {
  // What the Ladepay process is given as DATABASE_URL.
  databaseUrl: string;
  drop(): Promise<void>;
}

export interface BenchStation {
  id: string;
  code: string;
}

// PostgreSQL is used when DATABASE_URL points at one; the benchmarks make a
// schema of their own in it and drop it afterwards.
export function postgresBaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

// A fresh, migrated database of the benchmark's own: a SQLite file in a
// temporary folder, or a PostgreSQL schema.
export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ladepay-bench-'));
    const path = join(dir, 'ladepay.db');
    const database = openDatabase({ kind: 'sqlite', path });
    await migrateToLatest(database.db, database.dialect);
    let closed = false;
    const close = async () => {
      if (!closed) await database.close();
      closed = true;
    };
    return {
      ...database,
      databaseUrl: `sqlite:${path}`,
      close,
      async drop() {
        await close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresBaseUrl();
  if (!base) throw new Error('PostgreSQL needs DATABASE_URL=postgres://…');
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(base, `CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const database = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 5 });
  await migrateToLatest(database.db, database.dialect);
  let closed = false;
  const close = async () => {
    if (!closed) await database.close();
    closed = true;
  };
  return {
    ...database,
    databaseUrl,
    close,
    async drop() {
      await close();
      await adminQuery(base, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

// One site, one tariff (5 kr/kWh incl. 25 % VAT) and the stations, each with
// one connector. All stations share one password hash: hashing thousands of
// scrypt passwords would take minutes and measure nothing of Ladepay.
export async function seedStations(database: OpenDatabase, stations: BenchStation[], passwordHash: string): Promise<void> {
  const store = new StationStore(database.db);
  const now = new Date();
  await store.createSite({ id: 'bench-site', name: 'Benkgata lading', address: 'Benkgata 1, 0150 Oslo' }, now);
  await new TariffStore(database.db).create(
    {
      id: 'bench-tariff',
      siteId: null,
      name: 'Standard',
      tariff: aTariff({ perKwhOre: 500 }),
      validFrom: new Date('2020-01-01T00:00:00Z'),
    },
    now,
  );
  for (const s of stations) {
    await store.createStation(
      { id: s.id, siteId: 'bench-site', name: `Lader ${s.id}`, passwordHash, connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: s.code }] },
      now,
    );
  }
}

// Station ids and sticker codes that sort and read well: BENCH00001 / B00001.
export function benchStations(prefix: string, count: number): BenchStation[] {
  const digits = Math.max(5, String(count).length);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(digits, '0');
    return { id: `${prefix}${n}`, code: `${prefix.replace(/[^A-Z]/g, '').slice(0, 2) || 'B'}${n}` };
  });
}
