import type { Kysely } from 'kysely';

// OCPI partners (docs/ocpi.md; ocpi-partner-store.ts): who they are, how they
// came (credentials either way, or entered by hand), their roles and
// endpoints as they gave them (JSON), the token Ladepay calls them with
// (sealed with SECRETS_KEY, never in clear), and what the pushes will need:
// when the last one went through, the failures since and the last failure.
//
// ocpi_tokens: the tokens Ladepay issues (Token A, Token C or B, a pull
// token), kept as SHA-256 hashes like the API's; a revoked one stays, with
// the time, so a partner's old token is known for what it is.
export function ocpiPartnersMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ocpi_partners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'text')
        .addColumn('versions_url', 'text')
        .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('endpoints', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('their_token', 'text')
        .addColumn('last_push_at', 'text')
        .addColumn('push_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_push_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ocpi_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('ocpi_partners.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('ocpi_tokens_partner').on('ocpi_tokens').column('partner_id').execute();
    },
  };
}
