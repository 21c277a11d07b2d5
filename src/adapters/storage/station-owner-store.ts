import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

// Which node holds each station's socket (docs/deploy.md). A node claims a
// station when the station connects to it, renews its leases while it lives,
// and lets a station go when the socket closes. A station that reconnects to
// another node is that node's at once; a lease left by a node that died runs
// out, and the expiry sweep marks the station offline.
export class StationOwnerStore {
  constructor(
    private readonly db: Kysely<Database>,
    readonly nodeId: string,
  ) {}

  // Takes the station over; answers the node that held it before, if another.
  async claim(stationId: string, now: Date, leaseMs: number): Promise<string | undefined> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('station_owners').select(['node_id', 'lease_until']).where('station_id', '=', stationId).executeTakeFirst();
      await trx
        .insertInto('station_owners')
        .values({ station_id: stationId, node_id: this.nodeId, lease_until: leaseUntil, since: at })
        .onConflict((oc) => oc.column('station_id').doUpdateSet({ node_id: this.nodeId, lease_until: leaseUntil, since: at }))
        .execute();
      return before && before.node_id !== this.nodeId ? before.node_id : undefined;
    });
  }

  // Renews every lease of this node; answers the stations it still holds.
  async renew(now: Date, leaseMs: number): Promise<Set<string>> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    await this.db.updateTable('station_owners').set({ lease_until: leaseUntil }).where('node_id', '=', this.nodeId).execute();
    const rows = await this.db.selectFrom('station_owners').select('station_id').where('node_id', '=', this.nodeId).execute();
    return new Set(rows.map((r) => r.station_id));
  }

  // False when another node has taken the station over meanwhile.
  async release(stationId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('station_owners').where('station_id', '=', stationId).where('node_id', '=', this.nodeId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async releaseAll(): Promise<string[]> {
    const rows = await this.db.deleteFrom('station_owners').where('node_id', '=', this.nodeId).returning('station_id').execute();
    return rows.map((r) => r.station_id);
  }

  // Stations held by other nodes whose lease still runs.
  async heldElsewhere(now: Date): Promise<Map<string, { nodeId: string; leaseUntil: number }>> {
    const rows = await this.db
      .selectFrom('station_owners')
      .select(['station_id', 'node_id', 'lease_until'])
      .where('node_id', '<>', this.nodeId)
      .where('lease_until', '>', now.toISOString())
      .execute();
    return new Map(rows.map((r) => [r.station_id, { nodeId: r.node_id, leaseUntil: Date.parse(r.lease_until) }]));
  }

  // The leases other nodes let run out (they died, or lost the database):
  // removed, and the stations answered, to be marked offline.
  async expire(now: Date): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('station_owners')
      .where('node_id', '<>', this.nodeId)
      .where('lease_until', '<=', now.toISOString())
      .returning('station_id')
      .execute();
    return rows.map((r) => r.station_id);
  }
}
