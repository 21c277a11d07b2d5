import type { Bill } from './bill.ts';
import { roundHalfUp, type Ore, type Wh } from './money.ts';
import type { ReportBucket, ReportBy, ReportPeriod } from './report-period.ts';
import type { SessionState } from './vocabulary/session-states.ts';

// The fleet's figures per day or month and per site or station, from what was
// stored: the money and the energy of a session are the lines of its bill,
// made once at settlement (docs/pricing.md, "The bill"); nothing is priced
// again here. Rules (docs/reports.md):
// - a settled session counts, with its bill, in the period its charge ended;
// - a refund counts in the period it was made;
// - charging time is split over the periods it spans (a charge across midnight
//   counts on both days), against the time the group's connectors existed;
// - a start that failed and a payment that failed count in the period the
//   session was made.

export interface StationPlace {
  stationId: string;
  stationName: string;
  siteId: string;
  siteName: string;
}

export interface SessionFacts {
  stationId: string;
  state: SessionState;
  createdAt: string;
  chargingStartedAt?: string;
  endedAt?: string;
  bill?: Bill; // the stored bill of a settled session
}

export interface RefundFacts {
  stationId: string;
  at: string;
  amountOre: Ore;
}

export interface ConnectorFacts {
  stationId: string;
  createdAt: string;
}

export interface ReportFigures {
  sessions: number;
  energyWh: Wh;
  netOre: Ore;
  vatOre: Ore;
  grossOre: Ore;
  refundsOre: Ore;
  chargingSeconds: number;
  connectorSeconds: number;
  utilisationBasisPoints: number; // 10 000 = every connector charging all the time
  startFailed: number;
  paymentFailed: number;
}

export interface ReportRow extends ReportFigures {
  period: string; // the bucket's label
  siteId: string;
  siteName: string;
  stationId?: string; // by station only
  stationName?: string;
}

export interface FleetReport {
  from: string;
  to: string;
  group: ReportPeriod['group'];
  by: ReportBy;
  rows: ReportRow[];
  totals: ReportFigures;
}

export interface FleetReportInput {
  period: ReportPeriod;
  by: ReportBy;
  stations: readonly StationPlace[];
  sessions: readonly SessionFacts[];
  refunds: readonly RefundFacts[];
  connectors: readonly ConnectorFacts[];
  nowMs: number; // time after now has not happened: neither charged nor available
}

interface Tally {
  sessions: number;
  energyWh: number;
  netOre: number;
  vatOre: number;
  grossOre: number;
  refundsOre: number;
  chargingMs: number;
  connectorMs: number;
  startFailed: number;
  paymentFailed: number;
}

function emptyTally(): Tally {
  return { sessions: 0, energyWh: 0, netOre: 0, vatOre: 0, grossOre: 0, refundsOre: 0, chargingMs: 0, connectorMs: 0, startFailed: 0, paymentFailed: 0 };
}

function figures(t: Tally): ReportFigures {
  const chargingSeconds = Math.floor(t.chargingMs / 1000);
  const connectorSeconds = Math.floor(t.connectorMs / 1000);
  const { chargingMs: _c, connectorMs: _a, ...rest } = t;
  return { ...rest, chargingSeconds, connectorSeconds, utilisationBasisPoints: connectorSeconds > 0 ? roundHalfUp(chargingSeconds * 10_000, connectorSeconds) : 0 };
}

// The index of the bucket holding the instant, or -1 outside the period.
function bucketAt(buckets: readonly ReportBucket[], ms: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = buckets[mid] as ReportBucket;
    if (ms < b.startMs) hi = mid - 1;
    else if (ms >= b.endMs) lo = mid + 1;
    else return mid;
  }
  return -1;
}

// Adds the part of [startMs, endMs) inside each bucket.
function spread(buckets: readonly ReportBucket[], startMs: number, endMs: number, add: (index: number, ms: number) => void): void {
  buckets.forEach((b, i) => {
    const ms = Math.min(endMs, b.endMs) - Math.max(startMs, b.startMs);
    if (ms > 0) add(i, ms);
  });
}

export function fleetReport(input: FleetReportInput): FleetReport {
  const { period, by, nowMs } = input;
  const buckets = period.buckets;
  const places = new Map(input.stations.map((s) => [s.stationId, s]));
  const placeOf = (stationId: string): StationPlace => places.get(stationId) ?? { stationId, stationName: stationId, siteId: '', siteName: '' };
  const keyOf = (p: StationPlace) => (by === 'site' ? p.siteId : p.stationId);

  // One tally per group and bucket; every known group is shown, quiet or not.
  const tallies = new Map<string, Tally[]>();
  const groups = new Map<string, StationPlace>();
  const tallyFor = (stationId: string, index: number): Tally => {
    const place = placeOf(stationId);
    const key = keyOf(place);
    let row = tallies.get(key);
    if (!row) {
      row = buckets.map(emptyTally);
      tallies.set(key, row);
      groups.set(key, place);
    }
    return row[index] as Tally;
  };
  for (const s of input.stations) if (buckets.length > 0) tallyFor(s.stationId, 0);

  for (const s of input.sessions) {
    if (s.state === 'settled' && s.bill) {
      const i = bucketAt(buckets, Date.parse(s.endedAt ?? s.createdAt));
      if (i >= 0) {
        const t = tallyFor(s.stationId, i);
        t.sessions += 1;
        for (const l of s.bill.lines) {
          if (l.kind === 'energy') t.energyWh += l.quantity;
          t.grossOre += l.amountOre;
          t.vatOre += l.vatOre;
          t.netOre += l.netOre;
        }
      }
    }
    if (s.state === 'start_failed' || s.state === 'payment_failed') {
      const i = bucketAt(buckets, Date.parse(s.createdAt));
      if (i >= 0) tallyFor(s.stationId, i)[s.state === 'start_failed' ? 'startFailed' : 'paymentFailed'] += 1;
    }
    if (s.chargingStartedAt) {
      const end = Math.min(s.endedAt ? Date.parse(s.endedAt) : nowMs, nowMs);
      spread(buckets, Date.parse(s.chargingStartedAt), end, (i, ms) => (tallyFor(s.stationId, i).chargingMs += ms));
    }
  }
  for (const r of input.refunds) {
    const i = bucketAt(buckets, Date.parse(r.at));
    if (i >= 0) tallyFor(r.stationId, i).refundsOre += r.amountOre;
  }
  for (const c of input.connectors) {
    spread(buckets, Date.parse(c.createdAt), nowMs, (i, ms) => (tallyFor(c.stationId, i).connectorMs += ms));
  }

  const ordered = [...groups.entries()].sort(([, a], [, b]) => a.siteName.localeCompare(b.siteName, 'nb') || (by === 'station' ? a.stationName.localeCompare(b.stationName, 'nb') : 0));
  const rows: ReportRow[] = [];
  buckets.forEach((b, i) => {
    for (const [key, place] of ordered) {
      const t = tallies.get(key)?.[i] as Tally;
      const station = by === 'station' ? { stationId: place.stationId, stationName: place.stationName } : {};
      rows.push({ period: b.label, siteId: place.siteId, siteName: place.siteName, ...station, ...figures(t) });
    }
  });
  return { from: period.from, to: period.to, group: period.group, by, rows, totals: totalOf(rows) };
}

// The rows added up, so the totals are exactly the sum of what is shown.
export function totalOf(rows: readonly ReportFigures[]): ReportFigures {
  const t = emptyTally();
  let chargingSeconds = 0;
  let connectorSeconds = 0;
  for (const r of rows) {
    t.sessions += r.sessions;
    t.energyWh += r.energyWh;
    t.netOre += r.netOre;
    t.vatOre += r.vatOre;
    t.grossOre += r.grossOre;
    t.refundsOre += r.refundsOre;
    t.startFailed += r.startFailed;
    t.paymentFailed += r.paymentFailed;
    chargingSeconds += r.chargingSeconds;
    connectorSeconds += r.connectorSeconds;
  }
  return { ...figures({ ...t, chargingMs: chargingSeconds * 1000, connectorMs: connectorSeconds * 1000 }) };
}
