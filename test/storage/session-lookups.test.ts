import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { newSession } from '../../src/core/session/new-session.ts';
import type { Session } from '../../src/core/session/session.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');

// The look-ups that tie an OCPP input to its own station's session, and that
// find the stops a station still owes.
describe.each(testDialects())('session look-ups by station on %s', (dialect) => {
  let database: TestDatabase;
  let repo: KyselySessionRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 's', name: 'S', address: '' }, t0);
    for (const id of ['CP-A', 'CP-B']) {
      await stations.createStation({ id, siteId: 's', name: id, passwordHash: 'x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 1 }] }, t0);
    }
  });
  afterAll(async () => database.drop());

  async function stored(id: string, stationId: string, patch: Partial<Session>): Promise<void> {
    const { session } = newSession(
      { id, token: `tok-${id}`, reference: `lp-${id}-ref`, idTag: `TAG${id}`, remoteStartId: 1, stationId, connectorNo: 1, connectorId: `${stationId}-1`, tariff: aTariff(), maxPowerW: 50_000, maxAmountOre: 35_000, paymentMethod: 'WALLET' },
      t0,
    );
    await repo.inTransaction(async (tx) => {
      await tx.insert(session, [], 'system');
      await tx.save({ ...session, ...patch }, 1, [], 'system');
    });
  }

  it('finds the stops a station owes, its live sessions, and a transaction on any station', async () => {
    await stored('a1', 'CP-A', { state: 'settled', transactionId: '101', stopOwed: true });
    await stored('a2', 'CP-A', { state: 'settled', transactionId: '102', stopOwed: false });
    await stored('b2', 'CP-B', { state: 'settling', transactionId: '202', stopOwed: true });
    await stored('b1', 'CP-B', { state: 'charging', transactionId: '201' });

    expect((await repo.stopOwedOnStation('CP-A')).map((s) => s.session.id)).toEqual(['a1']);
    expect((await repo.stopOwedOnStation('CP-B')).map((s) => s.session.id)).toEqual(['b2']);
    expect((await repo.onStation('CP-B', ['charging', 'stopping'])).map((s) => s.session.id)).toEqual(['b1']);
    expect((await repo.onStation('CP-A', ['charging', 'stopping'])).map((s) => s.session.id)).toEqual([]);
    expect((await repo.byTransactionOnAnyStation('201'))?.session.stationId).toBe('CP-B');
    expect(await repo.byTransaction('CP-A', '201')).toBeUndefined();

    // Once the station ends the transaction, nothing is owed.
    const a1 = (await repo.byId('a1'))!;
    await repo.inTransaction((tx) => tx.save({ ...a1.session, stopOwed: false }, a1.version, [], 'station'));
    expect(await repo.stopOwedOnStation('CP-A')).toEqual([]);
  });
});
