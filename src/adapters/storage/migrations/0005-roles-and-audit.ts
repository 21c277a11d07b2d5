import { sql, type Kysely } from 'kysely';

// Operator roles and where each audited action came from.
// - Console users: the old 'admin' is 'owner' (every user could do everything).
// - API tokens get a role; the existing ones become 'operator': they keep every
//   route they had (the API had no owner-only routes before), nothing more.
// - The audit log records the client address of each action and login.
export function rolesAndAuditMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`update operator_users set role = 'owner' where role = 'admin'`.execute(db);
      await db.schema.alterTable('api_tokens').addColumn('role', 'text', (c) => c.notNull().defaultTo('operator')).execute();
      await db.schema.alterTable('operator_audit').addColumn('address', 'text').execute();
      await db.schema.createIndex('operator_audit_at').on('operator_audit').column('at').execute();
    },
  };
}
