import { AuditLog } from '../adapters/storage/audit-log.ts';
import { StationTransferStore } from '../adapters/storage/station-transfer-store.ts';
import type { ChargerCommands } from '../usecases/ports/charger.ts';
import { stationOperations, type StationOperations } from '../usecases/operator/station-operations.ts';
import type { Storage } from './storage.ts';

// The operator's remote station operations: sent over the stations' links,
// recorded in the audit log, with the firmware and diagnostics progress the
// OCPP endpoint hands to `reports`.
export function buildStationOperations(w: { storage: Storage; charger: ChargerCommands; now: () => Date }): StationOperations {
  const db = w.storage.database.db;
  return stationOperations({
    stations: w.storage.stations,
    charger: w.charger,
    sessions: w.storage.repo,
    audit: new AuditLog(db),
    transfers: new StationTransferStore(db),
    now: w.now,
  });
}
