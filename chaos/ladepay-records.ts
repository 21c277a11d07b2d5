import type { Kysely } from 'kysely';
import type { Database } from '../src/adapters/storage/schema.ts';

// What Ladepay wrote, read from its database once the run is over: each
// session with its event history, and the outbox. The auditor takes money and
// energy from outside Ladepay; from here it takes only what Ladepay decided and
// when (to bound what it could have known), and the outbox's state.

export interface LadepayEvent {
  at: number;
  source: string;
  type: string;
  data: unknown;
}

export interface OutboxEntry {
  key: string;
  kind: string;
  state: string;
  attempts: number;
  createdAt: number;
  lastError: string | null;
}

export interface LadepaySession {
  id: string;
  reference: string;
  idTag: string;
  stationId: string;
  state: string;
  data: Record<string, unknown>;
  events: LadepayEvent[];
  outbox: OutboxEntry[];
  // When Ladepay decided to settle (or give up): its capture or cancel was
  // written to the outbox in the same transaction as that decision.
  decidedAt?: number;
}

export interface LadepayRecords {
  byReference: Map<string, LadepaySession>;
  byIdTag: Map<string, LadepaySession>;
  outbox: OutboxEntry[];
}

const MONEY_KEY = /^(capture|cancel)-(.+)$/;

export async function readLadepay(db: Kysely<Database>): Promise<LadepayRecords> {
  const rows = await db.selectFrom('sessions').selectAll().execute();
  const events = await db.selectFrom('session_events').selectAll().orderBy('id').execute();
  const outboxRows = await db.selectFrom('outbox').selectAll().orderBy('id').execute();
  const byId = new Map<string, LadepaySession>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      reference: r.vipps_reference,
      idTag: r.id_tag,
      stationId: r.station_id,
      state: r.state,
      data: JSON.parse(r.data) as Record<string, unknown>,
      events: [],
      outbox: [],
    });
  }
  for (const e of events) byId.get(e.session_id)?.events.push({ at: Date.parse(e.at), source: e.source, type: e.type, data: JSON.parse(e.data) as unknown });
  const outbox: OutboxEntry[] = outboxRows.map((o) => ({ key: o.key, kind: o.kind, state: o.state, attempts: o.attempts, createdAt: Date.parse(o.created_at), lastError: o.last_error }));
  for (const entry of outbox) {
    const sessionId = /^[a-z]+-([a-z2-7]+)/.exec(entry.key)?.[1];
    const session = sessionId ? byId.get(sessionId) : undefined;
    if (!session) continue;
    session.outbox.push(entry);
    if (MONEY_KEY.test(entry.key) && (session.decidedAt === undefined || entry.createdAt < session.decidedAt)) session.decidedAt = entry.createdAt;
  }
  for (const s of byId.values()) {
    const priced = s.events.find((e) => e.type === 'priced');
    if (priced && (s.decidedAt === undefined || priced.at < s.decidedAt)) s.decidedAt = priced.at;
  }
  const list = [...byId.values()];
  return { byReference: new Map(list.map((s) => [s.reference, s])), byIdTag: new Map(list.map((s) => [s.idTag, s])), outbox };
}
