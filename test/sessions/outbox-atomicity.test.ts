import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { newSession } from '../../src/core/session/new-session.ts';
import { aTariff } from '../support/tariff-builder.ts';
import type { SessionRepository } from '../../src/usecases/ports/session-repository.ts';
import { SessionEngine } from '../../src/usecases/session-engine.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const policy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };

// Invariant 5: a state change and the side effects it calls for are written in
// one transaction. If writing the side effect fails, the state change is gone too.
describe.each(testDialects())('state and outbox in one transaction on %s', (dialect) => {
  let database: TestDatabase;
  let repo: KyselySessionRepository;
  let outbox: Outbox;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = new Outbox(database.db, database.dialect);
    repo = new KyselySessionRepository(database.db, database.dialect, outbox);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 's', name: 'S', address: '' }, new Date());
    await stations.createStation({ id: 'CP', siteId: 's', name: 'CP', passwordHash: 'x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 1, code: 'ATOM01' }] }, new Date());
  });
  afterAll(async () => database.drop());

  // The real repository, with the outbox write made to fail after the state was saved.
  const failingOutbox = (): SessionRepository => {
    const r = Object.create(repo) as SessionRepository;
    r.inTransaction = (fn) =>
      repo.inTransaction((tx) =>
        fn({
          ...tx,
          enqueue: async (session, commands, now) => {
            await tx.enqueue(session, commands, now);
            throw new Error('disk full');
          },
        }),
      );
    return r;
  };

  it('a failed outbox write undoes the state change', async () => {
    const good = new SessionEngine({ repo, policy, now: () => new Date(), logger: quiet, outboxSignal: { fire: () => undefined }, changed: () => undefined });
    const created = newSession(
      { id: 'atom1', token: 'tok-atom1', reference: 'lp-atom1xx', idTag: 'LPATOM1', remoteStartId: 1, stationId: 'CP', connectorNo: 1, connectorId: 'CP-1', tariff: aTariff(), maxPowerW: 50_000, maxAmountOre: 35_000, paymentMethod: 'WALLET' },
      new Date(),
    );
    await good.create(created.session, created.commands, created.events, 'driver');
    const before = await outbox.list();

    const broken = new SessionEngine({ repo: failingOutbox(), policy, now: () => new Date(), logger: quiet, outboxSignal: { fire: () => undefined }, changed: () => undefined });
    await expect(broken.apply('atom1', { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 }, 'vipps')).rejects.toThrow('disk full');

    const after = await repo.byId('atom1');
    expect(after?.session.state).toBe('awaiting_payment');
    expect(after?.version).toBe(1);
    expect(await outbox.list()).toEqual(before);
    expect((await repo.events('atom1')).map((e) => e.type)).toEqual(['session_created']);

    // The same input through the working engine now does both.
    await good.apply('atom1', { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 }, 'vipps');
    expect((await repo.byId('atom1'))?.session.state).toBe('starting');
    expect((await outbox.list()).map((r) => r.key)).toContain('start-atom1-1');
  });
});
