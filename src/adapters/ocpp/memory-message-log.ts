import type { OcppLogEntry, OcppMessageLog } from './ocpp-message-log.ts';

export interface MemoryMessageLog extends OcppMessageLog {
  // Oldest first; only the last `capacity` entries are kept.
  entries(stationId?: string): OcppLogEntry[];
}

// A ring buffer: bounded memory however chatty the stations are.
export function createMemoryMessageLog(capacity = 1000): MemoryMessageLog {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(`capacity must be a positive integer, got ${capacity}`);
  }
  const ring: (OcppLogEntry | undefined)[] = new Array<OcppLogEntry | undefined>(capacity);
  let next = 0;
  let size = 0;

  return {
    record(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    entries(stationId) {
      const out: OcppLogEntry[] = [];
      for (let i = 0; i < size; i++) {
        const entry = ring[(next - size + i + capacity) % capacity];
        if (entry && (stationId === undefined || entry.stationId === stationId)) out.push(entry);
      }
      return out;
    },
  };
}
