import { describe, expect, it } from 'vitest';
import { createTransactionTracker } from './transaction-tracker.ts';

describe('createTransactionTracker', () => {
  it('gives the same record for the same station and transaction', () => {
    const tracker = createTransactionTracker();
    tracker.record('CP1', 'tx-1').seenSeqNos.add(0);
    expect(tracker.record('CP1', 'tx-1').seenSeqNos.has(0)).toBe(true);
    expect(tracker.record('CP2', 'tx-1').seenSeqNos.has(0)).toBe(false);
  });

  it('forgets the least recently touched transaction past its capacity', () => {
    const tracker = createTransactionTracker(2);
    tracker.record('CP1', 'a').started = true;
    tracker.record('CP1', 'b').started = true;
    tracker.record('CP1', 'a'); // touched: b is now the oldest
    tracker.record('CP1', 'c');
    expect(tracker.record('CP1', 'a').started).toBe(true);
    expect(tracker.record('CP1', 'b').started).toBe(false);
  });

  it('keeps the newest energy reading per connector', () => {
    const tracker = createTransactionTracker();
    tracker.noteEnergy('CP1', 1, 500, new Date('2025-01-01T10:00:00Z'));
    tracker.noteEnergy('CP1', 1, 400, new Date('2025-01-01T09:00:00Z'));
    expect(tracker.lastEnergy('CP1', 1)).toBe(500);
    tracker.noteEnergy('CP1', 1, 900, new Date('2025-01-01T11:00:00Z'));
    expect(tracker.lastEnergy('CP1', 1)).toBe(900);
    expect(tracker.lastEnergy('CP1', 2)).toBeUndefined();
  });
});
