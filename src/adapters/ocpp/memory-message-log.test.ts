import { describe, expect, it } from 'vitest';
import { createMemoryMessageLog } from './memory-message-log.ts';
import type { OcppLogEntry } from './ocpp-message-log.ts';

function anEntry(messageId: string, stationId = 'CP1'): OcppLogEntry {
  return { stationId, direction: 'in', kind: 'call', action: 'Heartbeat', messageId, payload: '{}', at: new Date(0) };
}

describe('createMemoryMessageLog', () => {
  it('returns entries oldest first', () => {
    const log = createMemoryMessageLog(5);
    for (const id of ['a', 'b', 'c']) log.record(anEntry(id));
    expect(log.entries().map((e) => e.messageId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps only the last `capacity` entries', () => {
    const log = createMemoryMessageLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.record(anEntry(id));
    expect(log.entries().map((e) => e.messageId)).toEqual(['c', 'd', 'e']);
  });

  it('filters by station', () => {
    const log = createMemoryMessageLog(10);
    log.record(anEntry('a', 'CP1'));
    log.record(anEntry('b', 'CP2'));
    log.record(anEntry('c', 'CP1'));
    expect(log.entries('CP1').map((e) => e.messageId)).toEqual(['a', 'c']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createMemoryMessageLog(0)).toThrow();
    expect(() => createMemoryMessageLog(2.5)).toThrow();
  });
});
