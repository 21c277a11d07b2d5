import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { PspReferenceStore } from '../../src/adapters/storage/psp-reference-store.ts';
import { ReceiptNumberStore } from '../../src/adapters/storage/receipt-number-store.ts';
import { RefundRequestStore } from '../../src/adapters/storage/refund-request-store.ts';
import { KyselyReportQueries } from '../../src/adapters/storage/report-queries.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { billOf, type Bill } from '../../src/core/bill.ts';
import type { Session } from '../../src/core/session/session.ts';
import { reports } from '../../src/usecases/operator/reports.ts';
import { aSessionWithEveryField, insertSessionRow } from '../support/stored-sessions.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const now = new Date('2026-01-20T12:00:00.000Z');

function bill(wh: number, amountOre: number): Bill {
  const vatOre = amountOre - Math.round(amountOre / 1.25);
  return billOf([
    { kind: 'energy', quantity: wh, unitPriceOre: 500, amountOre: amountOre - 500, vatOre: vatOre - 100, netOre: amountOre - 500 - (vatOre - 100), vatRateBasisPoints: 2500 },
    { kind: 'start_fee', quantity: 1, unitPriceOre: 500, amountOre: 500, vatOre: 100, netOre: 400, vatRateBasisPoints: 2500 },
  ]);
}

// A session as the engine leaves it, with the times that place it.
function aSession(id: string, stationId: string, o: Partial<Session> & Pick<Session, 'state' | 'createdAt' | 'updatedAt'>): Session {
  const base = aSessionWithEveryField(id, stationId);
  const { endedAt: _e, chargingStartedAt: _c, priced: _p, energyBill: _b, ...rest } = base;
  return { ...rest, connectorId: `${stationId}-1`, refundedOre: 0, capturedOre: o.priced?.totalOre ?? 0, ...o };
}

// The report's read model on each database, through the real stores: the
// figures it gives are the sums of the sessions' stored bills.
describe.each(testDialects())('report queries on %s', (dialect) => {
  let database: TestDatabase;
  let repo: KyselySessionRepository;
  const stored: Session[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'bryggen', name: 'Bryggen', address: 'Bryggen 1, 5003 Bergen' }, t0);
    await stations.createSite({ id: 'amfi', name: 'Amfi', address: 'Storgata 1, 9008 Tromsø' }, t0);
    for (const [id, site] of [['CP-1', 'bryggen'], ['CP-2', 'bryggen'], ['CP-9', 'amfi']] as const) {
      await stations.createStation({ id, siteId: site, name: `Lader ${id}`, passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000 }] }, t0);
    }
    repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
    stored.push(
      // 23:00 → 01:00 Oslo time, 10–11 January: ends on the 11th.
      aSession('midnight', 'CP-1', { state: 'settled', createdAt: '2026-01-10T21:58:00.000Z', chargingStartedAt: '2026-01-10T22:00:00.000Z', endedAt: '2026-01-11T00:00:00.000Z', updatedAt: '2026-01-11T00:00:05.000Z', priced: bill(20_000, 10_500) }),
      aSession('morning', 'CP-2', { state: 'settled', createdAt: '2026-01-11T07:00:00.000Z', chargingStartedAt: '2026-01-11T07:01:00.000Z', endedAt: '2026-01-11T08:01:00.000Z', updatedAt: '2026-01-11T08:01:05.000Z', priced: bill(11_000, 6_000) }),
      aSession('amfi', 'CP-9', { state: 'settled', createdAt: '2026-01-12T10:00:00.000Z', chargingStartedAt: '2026-01-12T10:00:30.000Z', endedAt: '2026-01-12T10:30:30.000Z', updatedAt: '2026-01-12T10:30:35.000Z', priced: bill(7_000, 4_000) }),
      aSession('refused', 'CP-1', { state: 'start_failed', createdAt: '2026-01-11T12:00:00.000Z', updatedAt: '2026-01-11T12:03:00.000Z' }),
      aSession('abandoned', 'CP-1', { state: 'payment_failed', createdAt: '2026-01-11T13:00:00.000Z', updatedAt: '2026-01-11T13:03:00.000Z' }),
      // Before the period: neither counted nor read.
      aSession('december', 'CP-1', { state: 'settled', createdAt: '2025-12-20T10:00:00.000Z', chargingStartedAt: '2025-12-20T10:01:00.000Z', endedAt: '2025-12-20T11:00:00.000Z', updatedAt: '2025-12-20T11:00:05.000Z', priced: bill(9_000, 5_000) }),
    );
    // Made as the engine makes them, then saved in their end state.
    for (const s of stored) {
      await repo.inTransaction(async (tx) => {
        await tx.insert({ ...s, state: 'awaiting_payment' }, [], 'system');
        await tx.save(s, 1, [], 'system');
      });
    }
    // A refund of 20 kr on the 12th, for the session that ended on the 11th.
    const refunds = new RefundRequestStore(database.db);
    await refunds.claim({ sessionId: 'midnight', key: 'k1', amountOre: 2_000, reason: 'Kabel', actor: 'console:drift@example.no', createdAt: '2026-01-12T09:00:00.000Z' });
    await refunds.finish('midnight', 'k1', { state: 'done', refundedOre: 2_000 }, '2026-01-12T09:00:01.000Z');
    await refunds.claim({ sessionId: 'morning', key: 'k2', amountOre: 1_000, reason: 'Feil', actor: 'console:drift@example.no', createdAt: '2026-01-12T09:05:00.000Z' });
    await refunds.finish('morning', 'k2', { state: 'failed', failure: 'unavailable' }, '2026-01-12T09:05:01.000Z');
    await new ReceiptNumberStore(database.db).issue('midnight', new Date('2026-01-11T00:01:00.000Z'));
    await new PspReferenceStore(database.db).record('lp-midnight', '4711');
    await new PspReferenceStore(database.db).record('lp-midnight', '9999'); // a payment keeps its first
  });
  afterAll(async () => database?.drop());

  const fleet = (from: string, to: string, group: 'day' | 'month', by: 'site' | 'station') =>
    reports({ reportQueries: new KyselyReportQueries(database.db), now: () => now }).fleet({ from, to, group, by });

  it('adds up the stored bills per Oslo day and station, a charge across midnight on the day it ended', async () => {
    const r = await fleet('2026-01-10', '2026-01-12', 'day', 'station');
    if (!r.ok) throw new Error(r.error);
    const row = (period: string, station: string) => r.value.rows.find((x) => x.period === period && x.stationId === station)!;
    const [midnight, morning, amfi] = stored as [Session, Session, Session];
    expect(row('2026-01-10', 'CP-1')).toMatchObject({ sessions: 0, grossOre: 0, chargingSeconds: 3600, connectorSeconds: 86_400 });
    expect(row('2026-01-11', 'CP-1')).toMatchObject({
      sessions: 1,
      energyWh: 20_000,
      grossOre: midnight.priced!.totalOre,
      vatOre: midnight.priced!.vatOre,
      netOre: midnight.priced!.netOre,
      chargingSeconds: 3600,
      startFailed: 1,
      paymentFailed: 1,
      refundsOre: 0,
    });
    expect(row('2026-01-12', 'CP-1')).toMatchObject({ sessions: 0, refundsOre: 2_000 });
    expect(row('2026-01-11', 'CP-2')).toMatchObject({ sessions: 1, grossOre: morning.priced!.totalOre, refundsOre: 0 });
    expect(row('2026-01-12', 'CP-9')).toMatchObject({ sessions: 1, grossOre: amfi.priced!.totalOre, siteName: 'Amfi', stationName: 'Lader CP-9', chargingSeconds: 1800 });
    // The totals are the sum of the stored bills in the period, to the øre.
    const inPeriod = [midnight, morning, amfi];
    expect(r.value.totals).toMatchObject({
      sessions: 3,
      energyWh: 38_000,
      grossOre: inPeriod.reduce((sum, s) => sum + s.priced!.totalOre, 0),
      vatOre: inPeriod.reduce((sum, s) => sum + s.priced!.vatOre, 0),
      netOre: inPeriod.reduce((sum, s) => sum + s.priced!.netOre, 0),
      refundsOre: 2_000,
      startFailed: 1,
      paymentFailed: 1,
    });
    expect(r.value.rows).toHaveLength(9);
  });

  it('groups by site and month', async () => {
    const r = await fleet('2025-12', '2026-01', 'month', 'site');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rows.map((x) => [x.period, x.siteName, x.sessions, x.grossOre])).toEqual([
      ['2025-12', 'Amfi', 0, 0],
      ['2025-12', 'Bryggen', 1, stored[5]!.priced!.totalOre],
      ['2026-01', 'Amfi', 1, stored[2]!.priced!.totalOre],
      ['2026-01', 'Bryggen', 2, stored[0]!.priced!.totalOre + stored[1]!.priced!.totalOre],
    ]);
    // January runs up to now only: 19.5 days of three connectors.
    expect(r.value.rows[2]!.connectorSeconds).toBe(Math.floor((now.getTime() - Date.parse('2026-01-01T00:00:00.000Z')) / 1000));
  });

  it('refuses a period it cannot read, with a message', async () => {
    const r = await fleet('2026-01-12', '2026-01-10', 'day', 'site');
    expect(r).toEqual({ ok: false, error: '"to" must not be before "from".' });
  });

  it('lists settled sessions with their site, PSP reference and receipt number, and leaves out a damaged row', async () => {
    await insertSessionRow(database.db, { id: 'broken', stationId: 'CP-1', state: 'settled', data: '{"v": 999}' });
    const unreadable: string[] = [];
    const rows = await new KyselyReportQueries(database.db, (e) => unreadable.push(e.sessionId)).settledSessions({ fromIso: '2026-01-01T00:00:00.000Z', toIso: '2026-02-01T00:00:00.000Z' });
    expect(rows.map((r) => [r.session.id, r.siteName, r.stationName, r.pspReference, r.receiptNumber])).toEqual([
      ['midnight', 'Bryggen', 'Lader CP-1', '4711', 1],
      ['morning', 'Bryggen', 'Lader CP-2', undefined, undefined],
      ['amfi', 'Amfi', 'Lader CP-9', undefined, undefined],
    ]);
    expect(unreadable).toEqual([]); // made in November 2026: outside the window
    await new KyselyReportQueries(database.db, (e) => unreadable.push(e.sessionId)).settledSessions({});
    expect(unreadable).toEqual(['broken']);
  });
});
