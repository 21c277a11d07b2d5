import type { Kysely } from 'kysely';

// Several nodes on one PostgreSQL (docs/deploy.md):
// - which node holds each station's socket, with a lease it renews while it
//   lives (station-owner-store.ts);
// - the nodes themselves, with a heartbeat: on SQLite a second node on the
//   same file sees the first one's and refuses to start (node-registry.ts);
// - an outbox item that must run where a station's socket is names the
//   station, and a command forwarded to that node keeps its answer.
export function clusterMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('station_owners')
        .addColumn('station_id', 'text', (c) => c.primaryKey())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('since', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('station_owners_node').on('station_owners').column('node_id').execute();
      await db.schema
        .createTable('cluster_nodes')
        .addColumn('node_id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull()) // 'serving' | 'draining'
        .execute();
      await db.schema.alterTable('outbox').addColumn('station_id', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('result', 'text').execute();
      await db.schema.createIndex('outbox_station').on('outbox').column('station_id').execute();
    },
  };
}
