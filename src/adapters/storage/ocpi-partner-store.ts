import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NewPartner, PartnerBook, PartnerDetails, TokenHolder } from '../../usecases/ocpi/ocpi-partner-book.ts';
import type { IssuedTokenKind, OcpiPartner, PartnerState } from '../../usecases/ocpi/ocpi-partner.ts';
import { PUSH_KIND, pushScope } from '../../usecases/ocpi/push-queue.ts';
import { partnerOf, type OcpiPartnersTable, type OcpiTokensTable, type PushQueue } from './ocpi-partner-rows.ts';
import type { Database } from './schema.ts';

type Tables = Database & { ocpi_partners: OcpiPartnersTable; ocpi_tokens: OcpiTokensTable };

// Seals and opens a partner's token with SECRETS_KEY (SealedSettings' box);
// the row's id is the context, so a sealed token copied to another row does
// not open there.
export interface TokenSeal {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string | undefined;
}

const PREFIX = 'lpo_';

// A token is 256 random bits: a plain SHA-256 of it is enough to keep (as for
// API tokens); there is nothing a slow hash would protect.
function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// OCPI 2.2.1 Credentials.token: string(64) of printable ASCII. 4 + 43 characters.
function newToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

const sealContext = (partnerId: string) => `ocpi.partner-token:${partnerId}`;

export class OcpiPartnerStore implements PartnerBook {
  private readonly db: Kysely<Tables>;

  constructor(
    db: Kysely<Database>,
    private readonly tokenSeal: TokenSeal,
  ) {
    this.db = db.withTables<{ ocpi_partners: OcpiPartnersTable; ocpi_tokens: OcpiTokensTable }>();
  }

  async create(p: NewPartner, issue: IssuedTokenKind, now: Date): Promise<{ partner: OcpiPartner; token: string }> {
    const id = randomUUID();
    const at = now.toISOString();
    const row: OcpiPartnersTable = {
      id,
      name: p.name,
      origin: p.origin,
      state: p.state,
      version: p.version ?? null,
      versions_url: p.versionsUrl ?? null,
      roles: JSON.stringify(p.roles ?? []),
      endpoints: JSON.stringify(p.endpoints ?? []),
      their_token: p.theirToken ? this.tokenSeal.seal(p.theirToken, sealContext(id)) : null,
      last_push_at: null,
      push_failures: 0,
      last_push_error: null,
      last_push_delay_ms: null,
      created_at: at,
      updated_at: at,
    };
    const token = newToken();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('ocpi_partners').values(row).execute();
      await trx.insertInto('ocpi_tokens').values({ token_hash: hashOf(token), partner_id: id, kind: issue, created_at: at, revoked_at: null }).execute();
    });
    return { partner: partnerOf(row), token };
  }

  async byId(id: string): Promise<OcpiPartner | undefined> {
    const row = await this.db.selectFrom('ocpi_partners').selectAll().where('id', '=', id).executeTakeFirst();
    return row && partnerOf(row, (await this.pushQueues([id])).get(pushScope(id)));
  }

  async list(): Promise<OcpiPartner[]> {
    const rows = await this.db.selectFrom('ocpi_partners').selectAll().orderBy('created_at').orderBy('id').execute();
    const queues = await this.pushQueues(rows.filter((r) => r.state === 'registered').map((r) => r.id));
    return rows.map((row) => partnerOf(row, queues.get(pushScope(row.id))));
  }

  // The pushes waiting in the outbox, by partner queue (the outbox's order
  // scope, which its index leads with).
  private async pushQueues(partnerIds: string[]): Promise<Map<string, PushQueue>> {
    if (partnerIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['order_scope', eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('since')])
      .where('order_scope', 'in', partnerIds.map(pushScope))
      .where('state', 'in', ['pending', 'running'])
      .where('kind', '=', PUSH_KIND)
      .groupBy('order_scope')
      .execute();
    return new Map(rows.map((r) => [r.order_scope ?? '', { queued: Number(r.n), waitingSince: r.since }]));
  }

  async pushAccepted(partnerId: string, at: Date, delayMs: number): Promise<number> {
    const before = await this.db.selectFrom('ocpi_partners').select('push_failures').where('id', '=', partnerId).executeTakeFirst();
    const ended = await this.db.updateTable('ocpi_partners').set({ push_failures: 0 }).where('id', '=', partnerId).where('push_failures', '>', 0).executeTakeFirst();
    await this.db.updateTable('ocpi_partners').set({ last_push_at: at.toISOString(), last_push_delay_ms: Math.round(delayMs) }).where('id', '=', partnerId).execute();
    return Number(ended.numUpdatedRows) === 1 ? Number(before?.push_failures ?? 0) : 0;
  }

  async pushFailed(partnerId: string, problem: string): Promise<number> {
    const row = await this.db
      .updateTable('ocpi_partners')
      .set((eb) => ({ push_failures: eb('push_failures', '+', 1), last_push_error: problem.slice(0, 500) }))
      .where('id', '=', partnerId)
      .returning('push_failures')
      .executeTakeFirst();
    return Number(row?.push_failures ?? 0);
  }

  async holderOf(token: string): Promise<TokenHolder | undefined> {
    if (token.length > 200) return undefined;
    const row = await this.db
      .selectFrom('ocpi_tokens')
      .innerJoin('ocpi_partners', 'ocpi_partners.id', 'ocpi_tokens.partner_id')
      .selectAll('ocpi_partners')
      .select('ocpi_tokens.kind as token_kind')
      .where('ocpi_tokens.token_hash', '=', hashOf(token))
      .where('ocpi_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const { token_kind, ...partner } = row;
    return { partner: partnerOf(partner), kind: token_kind === 'token_a' ? 'token_a' : 'access' };
  }

  async completeHandshake(partnerId: string, from: PartnerState, details: PartnerDetails, now: Date): Promise<string | undefined> {
    const at = now.toISOString();
    const token = newToken();
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('ocpi_partners')
        .set({ ...this.detailColumns(partnerId, details), state: 'registered', updated_at: at })
        .where('id', '=', partnerId)
        .where('state', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return undefined;
      await trx.updateTable('ocpi_tokens').set({ revoked_at: at }).where('partner_id', '=', partnerId).where('revoked_at', 'is', null).execute();
      await trx.insertInto('ocpi_tokens').values({ token_hash: hashOf(token), partner_id: partnerId, kind: 'access', created_at: at, revoked_at: null }).execute();
      return token;
    });
  }

  async acceptRegistration(partnerId: string, details: PartnerDetails, now: Date): Promise<boolean> {
    const updated = await this.db
      .updateTable('ocpi_partners')
      .set({ ...this.detailColumns(partnerId, details), state: 'registered', updated_at: now.toISOString() })
      .where('id', '=', partnerId)
      .where('state', '=', 'awaiting_handshake')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async unregister(partnerId: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('ocpi_partners')
        .set({ state: 'unregistered', their_token: null, updated_at: at })
        .where('id', '=', partnerId)
        .where('state', '!=', 'unregistered')
        .executeTakeFirst();
      await trx.updateTable('ocpi_tokens').set({ revoked_at: at }).where('partner_id', '=', partnerId).where('revoked_at', 'is', null).execute();
      return Number(updated.numUpdatedRows) === 1;
    });
  }

  async remove(partnerId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('ocpi_tokens').where('partner_id', '=', partnerId).execute();
      await trx.deleteFrom('ocpi_partners').where('id', '=', partnerId).execute();
    });
  }

  async theirToken(partnerId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('ocpi_partners').select('their_token').where('id', '=', partnerId).executeTakeFirst();
    if (!row?.their_token) return undefined;
    const plain = this.tokenSeal.open(row.their_token, sealContext(partnerId));
    if (plain === undefined) throw new Error(`the OCPI token of partner ${partnerId} does not open with SECRETS_KEY`);
    return plain;
  }

  private detailColumns(partnerId: string, d: PartnerDetails): Partial<OcpiPartnersTable> {
    return {
      version: d.version,
      versions_url: d.versionsUrl,
      roles: JSON.stringify(d.roles),
      endpoints: JSON.stringify(d.endpoints),
      their_token: this.tokenSeal.seal(d.theirToken, sealContext(partnerId)),
      ...(d.name ? { name: d.name } : {}),
    };
  }
}

// Partner tokens sealed with the same key and box as the settings' secrets.
export function sealedWith(secrets: { sealInTransit(plain: string, context: string): string; openInTransit(sealed: string, context: string): string | undefined }): TokenSeal {
  return { seal: (plain, context) => secrets.sealInTransit(plain, context), open: (sealed, context) => secrets.openInTransit(sealed, context) };
}
