import { describe, expect, it } from 'vitest';
import { adjustmentLine, billOf, type Bill } from './bill.ts';
import { fleetReport, type FleetReportInput, type SessionFacts } from './fleet-report.ts';
import { osloIsoWithOffset, osloMidnight } from './oslo-calendar.ts';
import { reportPeriod, type ReportGroup } from './report-period.ts';

const stations = [
  { stationId: 'CP-1', stationName: 'Lader 1', siteId: 'bryggen', siteName: 'Bryggen' },
  { stationId: 'CP-2', stationName: 'Lader 2', siteId: 'bryggen', siteName: 'Bryggen' },
  { stationId: 'CP-9', stationName: 'Lader 9', siteId: 'amfi', siteName: 'Amfi' },
];

function energyBill(wh: number, amountOre: number): Bill {
  const vatOre = amountOre - Math.round(amountOre / 1.25);
  return billOf([{ kind: 'energy', quantity: wh, unitPriceOre: 500, amountOre, vatOre, netOre: amountOre - vatOre, vatRateBasisPoints: 2500 }]);
}

function period(from: string, to: string, group: ReportGroup = 'day') {
  const p = reportPeriod(from, to, group);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

function input(over: Partial<FleetReportInput>): FleetReportInput {
  return { period: period('2026-03-28', '2026-03-30'), by: 'station', stations, sessions: [], refunds: [], connectors: [], nowMs: Date.parse('2026-04-01T00:00:00Z'), ...over };
}

describe('report periods in Oslo time', () => {
  it('cuts days at Oslo midnight, 23 hours on the day summer time starts and 25 when it ends', () => {
    const spring = period('2026-03-28', '2026-03-30');
    expect(spring.buckets.map((b) => [b.label, (b.endMs - b.startMs) / 3_600_000])).toEqual([['2026-03-28', 24], ['2026-03-29', 23], ['2026-03-30', 24]]);
    expect(new Date(spring.startMs).toISOString()).toBe('2026-03-27T23:00:00.000Z');
    const autumn = period('2026-10-25', '2026-10-25');
    expect((autumn.endMs - autumn.startMs) / 3_600_000).toBe(25);
  });

  it('takes months as YYYY-MM and clips month buckets to the period', () => {
    expect(period('2026-01', '2026-03', 'month').buckets.map((b) => b.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    const clipped = period('2026-01-15', '2026-02-10', 'month');
    expect(clipped.buckets.map((b) => [b.label, new Date(b.startMs).toISOString(), new Date(b.endMs).toISOString()])).toEqual([
      ['2026-01', '2026-01-14T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
      ['2026-02', '2026-01-31T23:00:00.000Z', '2026-02-10T23:00:00.000Z'],
    ]);
  });

  it.each([
    ['2026-02-30', '2026-03-01', 'day', /"from" must be a date/],
    ['2026-03-01', 'tomorrow', 'day', /"to" must be a date/],
    ['2026-03-02', '2026-03-01', 'day', /not be before/],
    ['2024-01-01', '2026-01-01', 'day', /At most 366 days/],
  ] as const)('refuses from %s to %s by %s', (from, to, group, message) => {
    const p = reportPeriod(from, to, group);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toMatch(message);
  });

  it('writes an instant as Oslo wall time with its offset', () => {
    expect(osloIsoWithOffset(Date.parse('2026-01-15T10:00:05Z'))).toBe('2026-01-15T11:00:05+01:00');
    expect(osloIsoWithOffset(Date.parse('2026-07-15T22:30:00Z'))).toBe('2026-07-16T00:30:00+02:00');
    expect(osloMidnight('2026-07-16')).toBe(Date.parse('2026-07-15T22:00:00Z'));
  });
});

describe('the fleet report', () => {
  it('adds up the stored bills of settled sessions in the Oslo day their charge ended', () => {
    const capped = billOf([...energyBill(40_000, 20_000).lines, adjustmentLine('limited_to_maximum', -5_000, 2500)]);
    const sessions: SessionFacts[] = [
      // 00:30 in Oslo on the 29th is still the 28th in UTC.
      { stationId: 'CP-1', state: 'settled', createdAt: '2026-03-28T23:00:00Z', chargingStartedAt: '2026-03-28T23:01:00Z', endedAt: '2026-03-28T23:30:00Z', bill: energyBill(10_000, 5_000) },
      { stationId: 'CP-1', state: 'settled', createdAt: '2026-03-29T10:00:00Z', endedAt: '2026-03-29T11:00:00Z', bill: capped },
      { stationId: 'CP-1', state: 'settling', createdAt: '2026-03-29T10:00:00Z', endedAt: '2026-03-29T11:00:00Z', bill: energyBill(1, 1) },
      { stationId: 'CP-1', state: 'start_failed', createdAt: '2026-03-29T12:00:00Z' },
      { stationId: 'CP-1', state: 'payment_failed', createdAt: '2026-03-29T12:00:00Z' },
      { stationId: 'CP-1', state: 'payment_failed', createdAt: '2026-03-30T12:00:00Z' },
    ];
    const r = fleetReport(input({ sessions, refunds: [{ stationId: 'CP-1', at: '2026-03-30T09:00:00Z', amountOre: 1_000 }] }));
    const cp1 = r.rows.filter((row) => row.stationId === 'CP-1');
    expect(cp1.map((row) => [row.period, row.sessions, row.energyWh, row.grossOre, row.refundsOre, row.startFailed, row.paymentFailed])).toEqual([
      ['2026-03-28', 0, 0, 0, 0, 0, 0],
      ['2026-03-29', 2, 50_000, 20_000, 0, 1, 1],
      ['2026-03-30', 0, 0, 0, 1_000, 0, 1],
    ]);
    const day = cp1[1]!;
    expect(day.netOre + day.vatOre).toBe(day.grossOre);
    expect(day.grossOre).toBe(5_000 + capped.totalOre);
    expect(r.totals.grossOre).toBe(20_000);
    expect(r.totals.vatOre).toBe(energyBill(10_000, 5_000).vatOre + capped.vatOre);
  });

  it('splits a charge across Oslo midnight over both days, against the time the connectors existed', () => {
    const sessions: SessionFacts[] = [
      // 23:00 → 01:00 Oslo time (winter, UTC+1).
      { stationId: 'CP-9', state: 'settled', createdAt: '2026-01-10T21:55:00Z', chargingStartedAt: '2026-01-10T22:00:00Z', endedAt: '2026-01-11T00:00:00Z', bill: energyBill(22_000, 11_000) },
    ];
    const connectors = [{ stationId: 'CP-9', createdAt: '2025-01-01T00:00:00Z' }, { stationId: 'CP-9', createdAt: '2026-01-11T11:00:00Z' }];
    const r = fleetReport(input({ period: period('2026-01-10', '2026-01-11'), by: 'site', sessions, connectors }));
    const amfi = r.rows.filter((row) => row.siteId === 'amfi');
    expect(amfi.map((row) => [row.period, row.sessions, row.chargingSeconds, row.connectorSeconds])).toEqual([
      ['2026-01-10', 0, 3600, 86_400],
      ['2026-01-11', 1, 3600, 86_400 + 12 * 3600],
    ]);
    expect(amfi[0]!.utilisationBasisPoints).toBe(417); // 1 h of 24 h: 4.17 %
    expect(amfi[1]!.utilisationBasisPoints).toBe(278); // 1 h of 36 connector-hours
    // By site: one row per site and day, the quiet site too.
    expect(r.rows.map((row) => `${row.period} ${row.siteName}`)).toEqual(['2026-01-10 Amfi', '2026-01-10 Bryggen', '2026-01-11 Amfi', '2026-01-11 Bryggen']);
    expect(r.rows.every((row) => row.stationId === undefined)).toBe(true);
  });

  it('counts a charge still running up to now, and no time after now', () => {
    const nowMs = Date.parse('2026-03-30T12:00:00Z');
    const sessions: SessionFacts[] = [{ stationId: 'CP-2', state: 'charging', createdAt: '2026-03-30T10:00:00Z', chargingStartedAt: '2026-03-30T11:00:00Z' }];
    const r = fleetReport(input({ sessions, connectors: [{ stationId: 'CP-2', createdAt: '2026-03-30T10:00:00Z' }], nowMs }));
    const today = r.rows.find((row) => row.stationId === 'CP-2' && row.period === '2026-03-30')!;
    expect([today.chargingSeconds, today.connectorSeconds, today.utilisationBasisPoints, today.sessions]).toEqual([3600, 7200, 5000, 0]);
  });
});
