import type { Kysely, Selectable } from 'kysely';
import type { OcppFrame, OcppFrames } from '../../usecases/ports/operator-station-logs.ts';
import type { OcppLogEntry, OcppMessageLog } from '../ocpp/ocpp-message-log.ts';
import type { Database, OcppLogTable } from './schema.ts';

function frameOf(row: Selectable<OcppLogTable>): OcppFrame {
  return {
    id: row.id,
    stationId: row.station_id,
    direction: row.direction,
    kind: row.kind,
    action: row.action,
    messageId: row.message_id,
    payload: row.payload,
    at: row.at,
  };
}

export interface OcppLogStoreOptions {
  flushMs?: number;
  maxQueued?: number; // beyond this, the oldest unwritten frames are dropped (and counted)
  retentionDays?: number;
  onError?: (e: unknown) => void;
}

// Every frame is kept for a while for the operator's timeline. Writes are
// batched off the socket path; the queue is bounded so a flood from one
// station cannot exhaust memory; old frames are pruned.
export class OcppLogStore implements OcppMessageLog, OcppFrames {
  private queue: OcppLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  dropped = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly o: OcppLogStoreOptions = {},
  ) {}

  record(entry: OcppLogEntry): void {
    // Over the bound, new frames are dropped (and counted) rather than the
    // queue shifted: shifting a full array on every frame is what a flood
    // would make us pay for.
    if (this.queue.length >= (this.o.maxQueued ?? 20_000)) {
      this.dropped += 1;
      return;
    }
    this.queue.push(entry);
    // A full batch goes out at once; a trickle waits for the timer.
    if (this.queue.length >= 500) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.o.flushMs ?? 250);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(async () => {
      for (let i = 0; i < batch.length; i += 200) {
        const chunk = batch.slice(i, i + 200);
        try {
          await this.db
            .insertInto('ocpp_log')
            .values(
              chunk.map((e) => ({
                station_id: e.stationId,
                direction: e.direction,
                kind: e.kind,
                action: e.action ?? null,
                message_id: e.messageId,
                payload: e.payload.length > 16_384 ? `${e.payload.slice(0, 16_384)}…` : e.payload,
                at: e.at.toISOString(),
              })),
            )
            .execute();
        } catch (e) {
          this.o.onError?.(e);
        }
      }
    });
    return this.flushing;
  }

  async prune(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - (this.o.retentionDays ?? 30) * 86_400_000).toISOString();
    const r = await this.db.deleteFrom('ocpp_log').where('at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async forStation(stationId: string, limit = 200, since?: string, until?: string): Promise<OcppFrame[]> {
    let q = this.db.selectFrom('ocpp_log').selectAll().where('station_id', '=', stationId).orderBy('id', 'desc').limit(limit);
    if (since) q = q.where('at', '>=', since);
    if (until) q = q.where('at', '<=', until);
    return (await q.execute()).map(frameOf);
  }
}
