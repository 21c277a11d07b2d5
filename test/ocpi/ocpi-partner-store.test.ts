import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/adapters/security/secret-box.ts';
import { OcpiPartnerStore } from '../../src/adapters/storage/ocpi-partner-store.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { PUSH_KIND, pushOrder } from '../../src/usecases/ocpi/push-queue.ts';
import type { PartnerDetails } from '../../src/usecases/ocpi/ocpi-partner-book.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const details: PartnerDetails = {
  version: '2.2.1',
  versionsUrl: 'https://emsp.example/ocpi/versions',
  roles: [{ role: 'EMSP', countryCode: 'NL', partyId: 'EXA', name: 'Example Provider' }],
  endpoints: [{ identifier: 'credentials', role: 'RECEIVER', url: 'https://emsp.example/ocpi/2.2.1/credentials' }],
  theirToken: 'their-token-B',
};

// The partners' store on every database: tokens kept as hashes, the partner's
// own sealed, a handshake done once, unregistering ends every token.
describe.each(testDialects())('OCPI partner store on %s', (dialect) => {
  let database: TestDatabase;
  let store: OcpiPartnerStore;
  const box = new SecretBox(randomBytes(32));
  const now = new Date('2025-05-01T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = new OcpiPartnerStore(database.db, { seal: (p, c) => box.seal(p, c), open: (s, c) => box.open(s, c) });
  });
  afterAll(async () => database.drop());

  it('issues a Token A with a new partner and knows who holds it; the token is not kept in clear', async () => {
    const { partner, token } = await store.create({ name: 'Roaming hub', origin: 'they_registered', state: 'awaiting_handshake' }, 'token_a', now);
    expect(token).toMatch(/^lpo_[A-Za-z0-9_-]{43}$/);
    expect(await store.holderOf(token)).toMatchObject({ kind: 'token_a', partner: { id: partner.id, name: 'Roaming hub', state: 'awaiting_handshake', hasTheirToken: false } });
    expect(await store.holderOf(`${token}x`)).toBeUndefined();
    const rows = await database.db.selectFrom('ocpi_tokens' as never).selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('completes a handshake once: the details kept, the partner token sealed, Token A dead, a new token issued', async () => {
    const { partner, token: tokenA } = await store.create({ name: 'eMSP', origin: 'they_registered', state: 'awaiting_handshake' }, 'token_a', now);
    const tokenC = await store.completeHandshake(partner.id, 'awaiting_handshake', details, now);
    expect(tokenC).toMatch(/^lpo_/);
    expect(await store.holderOf(tokenA)).toBeUndefined();
    expect(await store.holderOf(tokenC!)).toMatchObject({ kind: 'access', partner: { state: 'registered', version: '2.2.1', roles: details.roles, endpoints: details.endpoints, hasTheirToken: true } });
    expect(await store.theirToken(partner.id)).toBe('their-token-B');
    const row = await database.db.selectFrom('ocpi_partners' as never).selectAll().where('id' as never, '=', partner.id as never).executeTakeFirst();
    expect(JSON.stringify(row)).not.toContain('their-token-B');
    // A second POST that lost the race finds the partner registered already.
    expect(await store.completeHandshake(partner.id, 'awaiting_handshake', details, now)).toBeUndefined();
    // A PUT rotates: the old token dies, a new one works.
    const rotated = await store.completeHandshake(partner.id, 'registered', { ...details, theirToken: 'their-token-B2' }, now);
    expect(await store.holderOf(tokenC!)).toBeUndefined();
    expect((await store.holderOf(rotated!))?.partner.id).toBe(partner.id);
    expect(await store.theirToken(partner.id)).toBe('their-token-B2');
  });

  it('accepts its own registration once, keeping the token it issued; unregistering ends every token', async () => {
    const { partner, token } = await store.create({ name: 'NAP', origin: 'we_registered', state: 'awaiting_handshake', versionsUrl: details.versionsUrl }, 'access', now);
    expect(await store.acceptRegistration(partner.id, { ...details, name: 'Their name' }, now)).toBe(true);
    expect(await store.acceptRegistration(partner.id, details, now)).toBe(false);
    expect(await store.holderOf(token)).toMatchObject({ partner: { name: 'Their name', state: 'registered' } });
    expect(await store.unregister(partner.id, now)).toBe(true);
    expect(await store.unregister(partner.id, now)).toBe(false);
    expect(await store.holderOf(token)).toBeUndefined();
    expect(await store.theirToken(partner.id)).toBeUndefined();
    expect((await store.byId(partner.id))?.state).toBe('unregistered');
  });

  it('keeps a hand-made partner with its push endpoints and token, lists oldest first, and removes a failed one whole', async () => {
    const { partner } = await store.create(
      { name: 'Dutch NAP', origin: 'hand_made', state: 'registered', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }], endpoints: [{ identifier: 'locations', role: 'RECEIVER', url: 'https://nap.example/locations' }], theirToken: 'push-token' },
      'access',
      new Date(now.getTime() + 60_000),
    );
    expect(partner).toMatchObject({ origin: 'hand_made', hasTheirToken: true, push: { lastAt: null, failures: 0, lastError: null, lastDelayMs: null, queued: 0, waitingSince: null } });
    expect(await store.theirToken(partner.id)).toBe('push-token');
    const names = (await store.list()).map((p) => p.name);
    expect(names.at(-1)).toBe('Dutch NAP');
    const { partner: failed, token } = await store.create({ name: 'x', origin: 'we_registered', state: 'awaiting_handshake' }, 'access', now);
    await store.remove(failed.id);
    expect(await store.byId(failed.id)).toBeUndefined();
    expect(await store.holderOf(token)).toBeUndefined();
  });

  it('counts push failures until one goes through, reports the streak it ends once, and reads the queue from the outbox', async () => {
    const { partner } = await store.create({ name: 'pushed', origin: 'hand_made', state: 'registered', theirToken: 't' }, 'access', now);
    expect(await store.pushFailed(partner.id, 'HTTP 503')).toBe(1);
    expect(await store.pushFailed(partner.id, 'no answer')).toBe(2);
    expect((await store.byId(partner.id))?.push).toMatchObject({ failures: 2, lastError: 'no answer', lastAt: null });
    const outbox = new Outbox(database.db, database.dialect);
    const item = (key: string) => ({ kind: PUSH_KIND, key, payload: {}, order: pushOrder({ partnerId: partner.id, module: 'locations', object: 'location:x' }) });
    await outbox.enqueue(database.db, item('p1'), new Date('2025-05-01T10:00:01Z'));
    await outbox.enqueue(database.db, item('p2'), new Date('2025-05-01T10:00:02Z'));
    expect((await store.byId(partner.id))?.push).toMatchObject({ queued: 2, waitingSince: '2025-05-01T10:00:01.000Z' });
    // Two pushes that went through side by side: the streak ends once.
    const ended = await Promise.all([store.pushAccepted(partner.id, now, 1234), store.pushAccepted(partner.id, now, 1234)]);
    expect(ended.sort()).toEqual([0, 2]);
    expect((await store.list()).find((p) => p.id === partner.id)?.push).toMatchObject({ failures: 0, lastError: 'no answer', lastAt: now.toISOString(), lastDelayMs: 1234, queued: 2 });
  });

  it('refuses to open a partner token sealed for another row', async () => {
    const { partner: a } = await store.create({ name: 'a', origin: 'hand_made', state: 'registered', theirToken: 'secret-a' }, 'access', now);
    const { partner: b } = await store.create({ name: 'b', origin: 'hand_made', state: 'registered', theirToken: 'secret-b' }, 'access', now);
    const sealedA = await database.db.selectFrom('ocpi_partners' as never).select('their_token' as never).where('id' as never, '=', a.id as never).executeTakeFirstOrThrow();
    await database.db.updateTable('ocpi_partners' as never).set(sealedA as never).where('id' as never, '=', b.id as never).execute();
    await expect(store.theirToken(b.id)).rejects.toThrow(/does not open/);
  });
});
