import type { Generated, Kysely } from 'kysely';
import type { StationTransferReport } from '../../usecases/ports/charger-operations.ts';
import type { StationTransferLog, TransferStatus } from '../../usecases/ports/station-transfer-log.ts';
import type { Database } from './schema.ts';

// Migration 0009.
export interface StationTransferReportsTable {
  id: Generated<number>;
  station_id: string;
  kind: string;
  status: string;
  request_id: number | null;
  at: string;
}

// Firmware and diagnostics progress as stations report it, append-only.
export class StationTransferStore implements StationTransferLog {
  private readonly db: Kysely<Database & { station_transfer_reports: StationTransferReportsTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ station_transfer_reports: StationTransferReportsTable }>();
  }

  async record(e: StationTransferReport): Promise<void> {
    await this.db
      .insertInto('station_transfer_reports')
      .values({ station_id: e.stationId, kind: e.kind, status: e.status, request_id: e.requestId ?? null, at: e.at.toISOString() })
      .execute();
  }

  async recent(stationId: string, limit: number): Promise<TransferStatus[]> {
    const rows = await this.db
      .selectFrom('station_transfer_reports')
      .selectAll()
      .where('station_id', '=', stationId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      kind: r.kind === 'firmware' ? 'firmware' : 'diagnostics',
      status: r.status,
      at: r.at,
      ...(r.request_id !== null ? { requestId: Number(r.request_id) } : {}),
    }));
  }
}
