import type { Kysely } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import type { Database } from './schema.ts';

export class SecondNodeError extends Error {}

export interface NodeFacts {
  nodeId: string;
  host: string;
  pid: number;
}

// The nodes at work on this database, each with a heartbeat. On PostgreSQL
// any number may run; a SQLite file has one writer and one node
// (docs/deploy.md): a second node sees the first one's fresh heartbeat and
// refuses to start, unless that process is gone (same host, its pid dead).
export class NodeRegistry {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly me: NodeFacts,
    private readonly alive: (pid: number) => boolean = processAlive,
  ) {}

  async join(now: Date, staleMs: number): Promise<void> {
    if (this.dialect === 'sqlite') await this.refuseIfAnotherRuns(now, staleMs);
    const at = now.toISOString();
    const { nodeId, host, pid } = this.me;
    await this.db
      .insertInto('cluster_nodes')
      .values({ node_id: nodeId, host, pid, started_at: at, seen_at: at, state: 'serving' })
      .onConflict((oc) => oc.column('node_id').doUpdateSet({ host, pid, started_at: at, seen_at: at, state: 'serving' }))
      .execute();
  }

  private async refuseIfAnotherRuns(now: Date, staleMs: number): Promise<void> {
    const fresh = new Date(now.getTime() - staleMs).toISOString();
    const others = await this.db
      .selectFrom('cluster_nodes')
      .selectAll()
      .where('node_id', '<>', this.me.nodeId)
      .where('seen_at', '>', fresh)
      .where('state', '<>', 'stopped')
      .execute();
    const running = others.find((o) => o.host !== this.me.host || (o.pid !== this.me.pid && this.alive(o.pid)));
    if (running) {
      throw new SecondNodeError(
        `Another Ladepay node (${running.node_id}, pid ${running.pid} on ${running.host}) is running on this SQLite database ` +
          `(seen ${running.seen_at}). SQLite runs one node only; run several nodes on PostgreSQL (DATABASE_URL, docs/deploy.md).`,
      );
    }
  }

  async heartbeat(now: Date, state: 'serving' | 'draining' = 'serving'): Promise<void> {
    await this.db.updateTable('cluster_nodes').set({ seen_at: now.toISOString(), state }).where('node_id', '=', this.me.nodeId).execute();
  }

  async leave(now: Date): Promise<void> {
    await this.db.updateTable('cluster_nodes').set({ seen_at: now.toISOString(), state: 'stopped' }).where('node_id', '=', this.me.nodeId).execute();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
