import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

// What nodes tell each other, through PostgreSQL only (docs/deploy.md):
// - outbox: new work was committed (every node looks for what it may run);
// - session: a session changed (live pages re-read it);
// - owner: a node took a station's socket over, or let it go;
// - answer: a forwarded station command was answered;
// - feeds: what the charger feeds publish was edited (the OCPI push planner looks again).
export const TOPICS = ['outbox', 'session', 'owner', 'answer', 'feeds'] as const;
export type Topic = (typeof TOPICS)[number];

export interface ClusterLink {
  readonly nodeId: string;
  // The channel a database transaction notifies on, for the outbox's wake-up
  // sent on commit (undefined where there is no PostgreSQL).
  channel(topic: Topic): string | undefined;
  // Best effort: a lost message only delays whoever waits until its next poll.
  publish(topic: Topic, payload: string): void;
  on(topic: Topic, listener: (payload: string) => void): () => void;
  // Takes or keeps a cluster-wide lock for a periodic job; false while
  // another node holds it. Held until this node stops or loses its link.
  holdLock(name: string): Promise<boolean>;
  close(): Promise<void>;
}

type Listeners = Map<Topic, Set<(payload: string) => void>>;

function deliver(listeners: Listeners, topic: Topic, payload: string): void {
  for (const l of listeners.get(topic) ?? []) {
    try {
      l(payload);
    } catch {
      // one broken listener must not stop the others
    }
  }
}

function subscribe(listeners: Listeners, topic: Topic, listener: (payload: string) => void): () => void {
  let set = listeners.get(topic);
  if (!set) listeners.set(topic, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

// One process on SQLite: messages go round in memory, every lock is ours
// (a second node on the same file refuses to start: node-registry.ts).
export function localLink(nodeId: string): ClusterLink {
  const listeners: Listeners = new Map();
  return {
    nodeId,
    channel: () => undefined,
    publish: (topic, payload) => queueMicrotask(() => deliver(listeners, topic, payload)),
    on: (topic, listener) => subscribe(listeners, topic, listener),
    holdLock: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

const RECONNECT_MS = 1000;

// A dedicated PostgreSQL connection per node: it LISTENs on the topics and
// holds the jobs' advisory locks (a session lock ends with the connection, so
// a node that dies lets go of its jobs at once). Channels and lock keys carry
// the schema, so several Ladepay databases on one server never mix.
export async function postgresLink(url: string, nodeId: string, logger: Logger): Promise<ClusterLink> {
  const listeners: Listeners = new Map();
  const held = new Set<string>();
  let client: pg.Client | undefined;
  let closed = false;
  let schema = '';
  let tag = '';
  let connecting: Promise<void> | undefined;
  const channelOf = (topic: Topic) => `ladepay_${topic}_${tag}`;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c, undefined));
    c.on('notification', (n) => {
      const topic = TOPICS.find((t) => channelOf(t) === n.channel);
      if (topic) deliver(listeners, topic, n.payload ?? '');
    });
    await c.connect();
    schema = ((await c.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public');
    tag = createHash('sha256').update(schema).digest('hex').slice(0, 12);
    for (const t of TOPICS) await c.query(`LISTEN ${channelOf(t)}`);
    client = c;
  }

  function lost(c: pg.Client, err: unknown): void {
    if (client !== c) return;
    client = undefined;
    held.clear();
    if (closed) return;
    logger.warn({ err }, 'cluster link to PostgreSQL lost: jobs paused, reconnecting');
    void c.end().catch(() => undefined);
    const retry = (): void => {
      if (closed || connecting) return;
      connecting = connect()
        .then(() => {
          logger.info('cluster link to PostgreSQL back');
          // What changed meanwhile went unheard: everyone looks again.
          for (const t of TOPICS) deliver(listeners, t, '');
        })
        .catch((e: unknown) => {
          logger.warn({ err: e }, 'cluster link: PostgreSQL not reachable yet');
          setTimeout(retry, RECONNECT_MS).unref();
        })
        .finally(() => (connecting = undefined));
    };
    setTimeout(retry, RECONNECT_MS).unref();
  }

  // One query at a time on the connection (pg queues them, but asks not to be relied on).
  let queue: Promise<unknown> = Promise.resolve();
  function query<R extends pg.QueryResultRow>(c: pg.Client, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const next = queue.then(() => c.query<R>(text, values));
    queue = next.catch(() => undefined);
    return next;
  }

  await connect();
  return {
    nodeId,
    channel: channelOf,
    publish(topic, payload) {
      const c = client;
      if (c) void query(c, 'select pg_notify($1, $2)', [channelOf(topic), payload]).catch(() => undefined);
    },
    on: (topic, listener) => subscribe(listeners, topic, listener),
    async holdLock(name) {
      if (held.has(name)) return true;
      const c = client;
      if (!c) return false;
      try {
        const r = await query<{ ok: boolean }>(c, 'select pg_try_advisory_lock(hashtext($1)) as ok', [`${schema}:${name}`]);
        if (r.rows[0]?.ok && client === c) held.add(name);
      } catch {
        return false;
      }
      return held.has(name);
    },
    async close() {
      closed = true;
      const c = client;
      client = undefined;
      held.clear();
      await c?.end().catch(() => undefined);
    },
  };
}
