import type { StationTransferReport } from './charger-operations.ts';

// What stations reported of their firmware updates and diagnostics uploads,
// kept in the order it came.

export interface TransferStatus {
  kind: StationTransferReport['kind'];
  status: string;
  requestId?: number;
  at: string; // ISO 8601 UTC, when Ladepay received it
}

export interface StationTransferLog {
  record(e: StationTransferReport): Promise<void>;
  // Newest first.
  recent(stationId: string, limit: number): Promise<TransferStatus[]>;
}
