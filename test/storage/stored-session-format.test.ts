import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleQueries } from '../../src/adapters/storage/console-queries.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { encodeSession, SESSION_FORMAT_VERSION, StoredSessionError } from '../../src/adapters/storage/session-codec.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { sessionSchema } from '../../src/adapters/storage/session-schema.ts';
import type { Session } from '../../src/core/session/session.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';
import { aSessionWithEveryField, aStoppingRowFromBeforeTheFormat, insertSessionRow } from '../support/stored-sessions.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');

// sessions.data: versioned, upgraded when older, and refused when it is not a
// whole session of today's type.
describe.each(testDialects())('stored session format on %s', (dialect) => {
  let database: TestDatabase;
  let repo: KyselySessionRepository;
  let queries: ConsoleQueries;
  let stations: StationStore;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
    queries = new ConsoleQueries(database.db);
    stations = new StationStore(database.db);
    await stations.createSite({ id: 's', name: 'S', address: '' }, t0);
  });
  afterAll(async () => database.drop());

  async function aStation(id: string): Promise<void> {
    await stations.createStation({ id, siteId: 's', name: id, passwordHash: 'x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000 }] }, t0);
  }

  async function rawData(id: string): Promise<Record<string, unknown>> {
    const row = await database.db.selectFrom('sessions').select('data').where('id', '=', id).executeTakeFirstOrThrow();
    return JSON.parse(row.data) as Record<string, unknown>;
  }

  it('reads a row written before the format had a version upgraded and whole, and writes it back in the current format', async () => {
    await aStation('CP-OLD');
    const written = aStoppingRowFromBeforeTheFormat('old1', 'CP-OLD');
    // Migration 0003 marked the stop owed in its column.
    await insertSessionRow(database.db, { id: 'old1', stationId: 'CP-OLD', state: 'stopping', data: written, stopOwed: true, transactionId: '17' });

    const stored = await repo.byId('old1');
    // The session stopping when it was stored owes its station that stop,
    // now in so many words; nothing else is added or lost.
    expect(stored?.session).toStrictEqual({ ...(JSON.parse(written) as object), stopOwed: true });
    for (const field of sessionSchema.required) expect(stored?.session).toHaveProperty(field);
    expect((await repo.stopOwedOnStation('CP-OLD')).map((s) => s.session)).toStrictEqual([stored?.session]);
    expect((await queries.sessions({ stationId: 'CP-OLD' })).map((s) => s.session)).toStrictEqual([stored?.session]);

    await repo.inTransaction((tx) => tx.save(stored!.session, stored!.version, [], 'system'));
    expect(await rawData('old1')).toStrictEqual({ v: SESSION_FORMAT_VERSION, ...stored!.session });
    expect((await repo.byId('old1'))?.session).toStrictEqual(stored?.session);
  });

  it('leaves an older row alone where nothing is owed: a charging session stays without stopOwed', async () => {
    await aStation('CP-OLD2');
    const written = aStoppingRowFromBeforeTheFormat('old2', 'CP-OLD2').replace('"state":"stopping"', '"state":"charging"');
    await insertSessionRow(database.db, { id: 'old2', stationId: 'CP-OLD2', state: 'charging', data: written, transactionId: '18' });
    expect((await repo.byId('old2'))?.session).toStrictEqual(JSON.parse(written));
  });

  it('round-trips a current session with every field unchanged', async () => {
    await aStation('CP-F');
    const session = aSessionWithEveryField('full1', 'CP-F');
    expect(Object.keys(session).sort()).toEqual(Object.keys(sessionSchema.properties ?? {}).sort());
    await repo.inTransaction(async (tx) => {
      await tx.insert({ ...session, state: 'awaiting_payment' }, [], 'system');
      await tx.save(session, 1, [], 'system');
    });

    expect((await repo.byId('full1'))?.session).toStrictEqual(session);
    expect((await repo.byToken(session.token))?.session).toStrictEqual(session);
    expect((await queries.sessions({ stationId: 'CP-F' })).map((s) => s.session)).toStrictEqual([session]);
    const raw = await rawData('full1');
    expect(Object.keys(raw)[0]).toBe('v');
    expect(raw).toStrictEqual({ v: SESSION_FORMAT_VERSION, ...session });
  });

  it('refuses a damaged row with an error naming the session and the field, never its token; lists leave it out and report it', async () => {
    await aStation('CP-BAD');
    const damaged = { ...aSessionWithEveryField('bad1', 'CP-BAD'), state: 'charging', capturedOre: '3700' };
    await insertSessionRow(database.db, { id: 'bad1', stationId: 'CP-BAD', state: 'charging', data: JSON.stringify({ v: 2, ...damaged }) });
    const healthy: Session = { ...aSessionWithEveryField('good1', 'CP-BAD'), state: 'settled' };
    await insertSessionRow(database.db, { id: 'good1', stationId: 'CP-BAD', state: 'settled', data: encodeSession(healthy) });

    const lookups = [() => repo.byId('bad1'), () => repo.byToken('secret-token-of-bad1'), () => repo.inTransaction((tx) => tx.load('bad1'))];
    for (const read of lookups) await expect(read()).rejects.toThrow('session bad1 cannot be read: /capturedOre must be number');

    const reported: StoredSessionError[] = [];
    const reporting = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect), (e) => reported.push(e));
    const reportingQueries = new ConsoleQueries(database.db, (e) => reported.push(e));
    const lists = [
      () => reporting.onStation('CP-BAD', ['charging', 'settled']),
      () => reporting.inStates(['charging', 'settled'], 10),
      () => reportingQueries.sessions({ stationId: 'CP-BAD' }),
    ];
    for (const list of lists) {
      const ids = (await list()).map((s) => s.session.id);
      expect(ids).toContain('good1');
      expect(ids).not.toContain('bad1');
    }
    expect(reported.map((e) => [e.sessionId, e.path])).toEqual([
      ['bad1', '/capturedOre'],
      ['bad1', '/capturedOre'],
      ['bad1', '/capturedOre'],
    ]);

    const error = await repo.byId('bad1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredSessionError);
    expect(error).toMatchObject({ sessionId: 'bad1', path: '/capturedOre' });
    // What a caller's log line holds (pino's error serializer).
    expect(JSON.stringify(pino.stdSerializers.err(error as Error))).not.toContain('secret-token');
  });

  it('refuses a row that is not JSON without quoting it, and a row of a newer format', async () => {
    await aStation('CP-BAD2');
    await insertSessionRow(database.db, { id: 'bad2', stationId: 'CP-BAD2', state: 'settled', data: '{"id":"bad2","token":"secret-token-of-bad2",' });
    const error = await repo.byId('bad2').catch((e: unknown) => e);
    expect(String(error)).toBe('StoredSessionError: session bad2 cannot be read: the row is not JSON');
    expect(JSON.stringify(pino.stdSerializers.err(error as Error))).not.toContain('secret-token');

    await aStation('CP-NEW');
    const newer = encodeSession(aSessionWithEveryField('new1', 'CP-NEW')).replace(/^\{"v":\d+/, `{"v":${SESSION_FORMAT_VERSION + 1}`);
    await insertSessionRow(database.db, { id: 'new1', stationId: 'CP-NEW', state: 'settled', data: newer });
    await expect(repo.byId('new1')).rejects.toThrow(`session new1 cannot be read: /v is ${SESSION_FORMAT_VERSION + 1}, newer than this Ladepay reads`);
  });

  it('never writes a session it could not read back: the change fails and the row keeps its last state', async () => {
    await aStation('CP-W');
    const session = aSessionWithEveryField('w1', 'CP-W');
    await repo.inTransaction((tx) => tx.insert(session, [], 'system'));
    const broken = { ...session, powerW: Number.NaN, updatedAt: '2026-11-26T12:00:00.000Z' };
    await expect(repo.inTransaction((tx) => tx.save(broken, 1, [], 'station'))).rejects.toThrow('session w1 cannot be stored: /powerW must be number');
    expect(await repo.byId('w1')).toStrictEqual({ session, version: 1 });
  });
});
