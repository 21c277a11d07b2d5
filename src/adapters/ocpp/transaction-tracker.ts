import type { StationLimit } from '../../core/cost-limit.ts';
import type { IdTagVerdict, TransactionEnded } from '../../usecases/ports/charger.ts';

// What the adapter remembers of one OCPP 2.0.1 transaction, so that repeated
// and out-of-order TransactionEvents change nothing twice (E01–E07: seqNo
// orders a transaction's events; a station resends after a lost answer and
// replays its offline queue after a reconnect).
export interface TransactionRecord {
  seenSeqNos: Set<number>;
  connectorNo?: number;
  idTag?: string;
  remoteStartId?: number;
  beginWh?: number; // the register when the transaction began, when seen
  beginExact: boolean; // beginWh came from a Transaction.Begin reading
  beginAt?: Date;
  latestWh?: number; // the highest register seen
  charging: boolean; // chargingState said energy flows (or paused), or the register rose
  chargingState?: string; // the last chargingState passed on to the session
  started: boolean; // events.transactionStarted has been called and answered
  starting?: Promise<void>;
  verdict?: IdTagVerdict;
  limit?: StationLimit; // OCPP 2.1: what the station holds the session to itself
  pendingEnd?: TransactionEnded; // an Ended that arrived before the transaction could start
  ended: boolean;
}

export interface TransactionTracker {
  record(stationId: string, transactionId: string): TransactionRecord;
  noteEnergy(stationId: string, connectorNo: number, wh: number, at: Date): void;
  lastEnergy(stationId: string, connectorNo: number): number | undefined;
}

// Bounded: the least recently touched transactions are forgotten first. A
// forgotten transaction seen again is harmless, as ChargerEvents is idempotent.
export function createTransactionTracker(capacity = 10_000): TransactionTracker {
  const records = new Map<string, TransactionRecord>();
  const energy = new Map<string, { wh: number; at: Date }>();

  function touch<V>(map: Map<string, V>, key: string, value: V): V {
    map.delete(key);
    map.set(key, value);
    if (map.size > capacity) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    return value;
  }

  return {
    record(stationId, transactionId) {
      const key = JSON.stringify([stationId, transactionId]);
      const record = records.get(key) ?? { seenSeqNos: new Set(), beginExact: false, started: false, ended: false, charging: false };
      return touch(records, key, record);
    },
    noteEnergy(stationId, connectorNo, wh, at) {
      const key = JSON.stringify([stationId, connectorNo]);
      const known = energy.get(key);
      if (!known || known.at <= at) touch(energy, key, { wh, at });
    },
    lastEnergy(stationId, connectorNo) {
      return energy.get(JSON.stringify([stationId, connectorNo]))?.wh;
    },
  };
}
