import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { roleOf, type Role } from '../../core/operator-role.ts';
import type { ApiToken, ApiTokens } from '../../usecases/ports/operator-api-tokens.ts';
import type { Database } from './schema.ts';

// Bearer tokens for the REST API (migration 0002; roles since 0005). A token is 256 random
// bits, so a plain SHA-256 of it is enough to store: there is nothing to
// guess that a slow hash would protect.

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

type Tables = Database & { api_tokens: ApiTokensTable };

const PREFIX = 'lp_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toToken(row: ApiTokensTable): ApiToken {
  return { id: row.id, name: row.name, role: roleOf(row.role), createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

export class ApiTokenStore implements ApiTokens {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ api_tokens: ApiTokensTable }>();
  }

  // The token itself is returned once and never stored.
  async create(name: string, now: Date, role: Role = 'operator'): Promise<{ token: string; apiToken: ApiToken }> {
    const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
    const row: ApiTokensTable = {
      id: randomUUID(),
      name,
      token_hash: hashToken(token),
      role,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return { token, apiToken: toToken(row) };
  }

  async verify(token: string, now: Date): Promise<ApiToken | undefined> {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const at = now.toISOString();
    // Hourly is precise enough to tell a token in use from a forgotten one.
    if (!row.last_used_at || new Date(at).getTime() - new Date(row.last_used_at).getTime() > 3_600_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
      row.last_used_at = at;
    }
    return toToken(row);
  }

  async byId(id: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  async list(): Promise<ApiToken[]> {
    return (await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute()).map(toToken);
  }

  async revoke(id: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
