import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { KyselyChargePointDirectory } from '../adapters/storage/charge-point-directory.ts';
import { ConsoleQueries } from '../adapters/storage/console-queries.ts';
import { migrateToLatest } from '../adapters/storage/migrations.ts';
import { OcppLogStore } from '../adapters/storage/ocpp-log-store.ts';
import { databaseTarget, openDatabase, type OpenDatabase } from '../adapters/storage/open-database.ts';
import { Outbox } from '../adapters/storage/outbox.ts';
import { PaymentEventStore } from '../adapters/storage/payment-event-store.ts';
import { PspReferenceStore } from '../adapters/storage/psp-reference-store.ts';
import { ReceiptNumberStore } from '../adapters/storage/receipt-number-store.ts';
import { KyselyReportQueries } from '../adapters/storage/report-queries.ts';
import type { SealedSettings } from '../adapters/storage/sealed-settings.ts';
import type { StoredSessionError } from '../adapters/storage/session-codec.ts';
import { KyselySessionRepository } from '../adapters/storage/session-repository.ts';
import { SettingsStore } from '../adapters/storage/settings-store.ts';
import { StationStore } from '../adapters/storage/station-store.ts';
import { StationDisplayStore } from '../adapters/storage/station-display-store.ts';
import { settingsWebhookSecretStore } from '../adapters/storage/webhook-secret-store.ts';
import type { WebhookSecretStore } from '../adapters/vipps/webhook-secret-store.ts';
import { openSecrets } from '../open-secrets.ts';

export interface Storage {
  database: OpenDatabase;
  secrets: SealedSettings;
  stations: StationStore;
  displays: StationDisplayStore;
  settings: SettingsStore;
  outbox: Outbox;
  repo: KyselySessionRepository;
  directory: KyselyChargePointDirectory;
  ocppLog: OcppLogStore;
  paymentEvents: PaymentEventStore;
  queries: ConsoleQueries;
  webhooks: WebhookSecretStore;
  receiptNumbers: ReceiptNumberStore;
  pspReferences: PspReferenceStore;
  reports: KyselyReportQueries;
}

// The database, migrated, with the sealed secrets opened, and every store
// over it. A failure on the way closes the database again. New outbox work
// wakes every node on `outboxWakeChannel` (PostgreSQL).
export async function openStorage(config: Config, logger: Logger, now: () => Date, outboxWakeChannel?: string): Promise<Storage> {
  const database = openDatabase(databaseTarget(config.databaseUrl, config.sqlitePath));
  const { db, dialect } = database;
  const settings = new SettingsStore(db);
  let secrets: SealedSettings;
  try {
    await migrateToLatest(db, dialect);
    secrets = await openSecrets(config, settings, logger, now);
  } catch (e) {
    await database.close();
    throw e;
  }
  const outbox = new Outbox(db, dialect, undefined, outboxWakeChannel);
  // A damaged session row is left out of lists, loudly, until it is repaired.
  const unreadable = (e: StoredSessionError) => logger.error({ sessionId: e.sessionId, path: e.path }, 'stored session cannot be read: left out until repaired');
  return {
    database,
    secrets,
    stations: new StationStore(db, now),
    displays: new StationDisplayStore(db),
    settings,
    outbox,
    repo: new KyselySessionRepository(db, dialect, outbox, unreadable),
    directory: new KyselyChargePointDirectory(db, settings),
    ocppLog: new OcppLogStore(db, { onError: (err) => logger.warn({ err }, 'ocpp log write failed') }),
    paymentEvents: new PaymentEventStore(db),
    queries: new ConsoleQueries(db, unreadable),
    webhooks: settingsWebhookSecretStore(secrets),
    receiptNumbers: new ReceiptNumberStore(db),
    pspReferences: new PspReferenceStore(db),
    reports: new KyselyReportQueries(db, unreadable),
  };
}
