import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { buildApp, type HealthReport } from './adapters/web/app.ts';
import { migrateToLatest } from './adapters/storage/migrations.ts';
import { databaseTarget, openDatabase, type OpenDatabase } from './adapters/storage/open-database.ts';
import { LADEPAY_VERSION } from './version.ts';

export interface RunningLadepay {
  url: string;
  database: OpenDatabase;
  logger: Logger;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

// The composition root: builds every adapter from the Config and wires them
// together in the open. Tests call it with port 0.
export async function startLadepay(config: Config, options: StartOptions = {}): Promise<RunningLadepay> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const database = openDatabase(databaseTarget(config.databaseUrl, config.sqlitePath));
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (e) {
    await database.close();
    throw e;
  }

  const health = async (): Promise<HealthReport> => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok', checks: { database: 'ok' } };
    } catch (e) {
      return { status: 'down', checks: { database: e instanceof Error ? e.message : 'unreachable' } };
    }
  };

  const app = buildApp({ logger, version: LADEPAY_VERSION, health });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  return {
    url,
    database,
    logger,
    async stop() {
      await app.close();
      await database.close();
    },
  };
}
