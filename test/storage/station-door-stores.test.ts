import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyLockoutStore } from '../../src/adapters/storage/station-lockout-store.ts';
import { KyselyStationPasswords } from '../../src/adapters/storage/station-password-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const later = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(testDialects())('station door stores on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 's', name: 'S', address: '' }, T0);
    await stations.createStation({ id: 'CP-1', siteId: 's', name: 'CP-1', passwordHash: 'old', connectors: [] }, T0);
  });
  afterAll(async () => database.drop());

  it('keeps lockouts, lists those in force and lifts them once', async () => {
    const store = new KyselyLockoutStore(database.db);
    await store.record({ kind: 'station', stationId: 'CP-1', address: '10.0.0.9', failures: 5, until: later(900).getTime() }, T0);
    await store.record({ kind: 'address', stationId: null, address: '10.0.0.8', failures: 50, until: later(60).getTime() }, T0);
    const active = await store.active(later(61));
    expect(active).toEqual([expect.objectContaining({ kind: 'station', stationId: 'CP-1', address: '10.0.0.9', failures: 5, lockedUntil: later(900), liftedAt: null })]);
    expect(await store.active(T0)).toHaveLength(2);
    const lifted = await store.lift(active[0]!.id, 'console:drift@example.no', later(70));
    expect(lifted).toMatchObject({ liftedAt: later(70), liftedBy: 'console:drift@example.no' });
    expect(await store.lift(active[0]!.id, 'again', later(71))).toBeUndefined();
    expect(await store.active(later(61))).toEqual([]);
  });

  it('offers a next password beside the current one and makes it the password once used', async () => {
    const passwords = new KyselyStationPasswords(database.db);
    await passwords.offerNext('CP-1', 'new', later(3600), T0);
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'old', disabled: false, second: { passwordHash: 'new', role: 'next', validUntil: later(3600) } });
    // Over: no longer offered.
    expect((await passwords.findCredentials('CP-1', later(3601)))?.second).toBeUndefined();
    await passwords.settleSecondPassword('CP-1', 'old');
    expect((await passwords.findCredentials('CP-1', T0))?.second?.role).toBe('next');
    await passwords.settleSecondPassword('CP-1', 'new');
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'new', disabled: false });
  });

  it('after a confirmed change keeps the old one until the station uses the new one; a refusal withdraws the offer', async () => {
    const passwords = new KyselyStationPasswords(database.db);
    await passwords.setPassword('CP-1', 'p1');
    await passwords.offerNext('CP-1', 'p2', later(3600), T0);
    await passwords.confirmNext('CP-1', 'p2', later(3600), T0);
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'p2', disabled: false, second: { passwordHash: 'p1', role: 'previous', validUntil: later(3600) } });
    await passwords.settleSecondPassword('CP-1', 'p1');
    expect((await passwords.findCredentials('CP-1', T0))?.second?.role).toBe('previous');
    await passwords.settleSecondPassword('CP-1', 'p2');
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'p2', disabled: false });

    // The station came back with the new password while the change was being
    // confirmed: whichever is handled first, the old one is gone after both.
    await passwords.offerNext('CP-1', 'p3', later(3600), T0);
    await passwords.confirmNext('CP-1', 'p3', later(3600), T0);
    await passwords.settleSecondPassword('CP-1', 'p3');
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'p3', disabled: false });
    await passwords.offerNext('CP-1', 'p4', later(3600), T0);
    await passwords.settleSecondPassword('CP-1', 'p4');
    await passwords.confirmNext('CP-1', 'p4', later(3600), T0);
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'p4', disabled: false });

    // Both at once, as a station that answers and reconnects at once makes
    // them (on PostgreSQL, two transactions side by side).
    for (let i = 0; i < 30; i++) {
      await passwords.offerNext('CP-1', `race-${i}`, later(3600), T0);
      await Promise.all([passwords.confirmNext('CP-1', `race-${i}`, later(3600), T0), passwords.settleSecondPassword('CP-1', `race-${i}`)]);
      expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: `race-${i}`, disabled: false });
    }
    await passwords.setPassword('CP-1', 'p4');

    await passwords.offerNext('CP-1', 'p3', later(3600), T0);
    await passwords.withdrawNext('CP-1', 'p3');
    expect(await passwords.findCredentials('CP-1', T0)).toEqual({ passwordHash: 'p4', disabled: false });
    expect(await passwords.findCredentials('nope', T0)).toBeUndefined();
  });
});
