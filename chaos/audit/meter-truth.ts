import type { Reading, TxTruth } from '../session-truth.ts';

// The car's real meter, as the station's register moved (points kept at least
// every few world seconds): what it read at any moment lies between the last
// point at or before it and the first point at or after it.

export interface Span {
  lo: number;
  hi: number;
}

export function registerAt(tx: TxTruth, t: number): Span {
  const p = tx.points;
  const n = p.length / 2;
  if (n === 0 || t <= (p[0] as number)) return { lo: tx.startWh, hi: tx.startWh };
  if (tx.endAt !== undefined && t >= tx.endAt) return { lo: tx.endWh as number, hi: tx.endWh as number };
  let lo = 0;
  let hi = n - 1;
  // The last point at or before t.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((p[2 * mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  const before = p[2 * lo + 1] as number;
  if (p[2 * lo] === t || lo === n - 1) return { lo: before, hi: lo === n - 1 && tx.endAt === undefined ? Number.POSITIVE_INFINITY : before };
  return { lo: before, hi: p[2 * lo + 3] as number };
}

// The register the transaction ended on, or the last point of one still running.
export function finalRegister(tx: TxTruth): number {
  return tx.endWh ?? (tx.points[tx.points.length - 1] as number);
}

// A reading the meter really showed at its timestamp; a glitch reports more
// than the register held (the simulator's readings are exact otherwise).
export function isTrue(tx: TxTruth, r: Reading): boolean {
  return r.wh <= registerAt(tx, r.at).hi + 1;
}

export interface SentReading extends Reading {
  sentAt: number;
  answeredAt?: number;
}

// Every reading the station sent for the transaction, with its message's times.
export function sentReadings(tx: TxTruth): SentReading[] {
  const out: SentReading[] = [];
  for (const m of tx.messages) {
    if (m.failed) continue;
    for (const r of m.readings) out.push({ ...r, sentAt: m.sentAt, ...(m.answeredAt !== undefined ? { answeredAt: m.answeredAt } : {}) });
  }
  return out;
}
