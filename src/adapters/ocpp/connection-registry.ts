import type { StationConnection } from './station-connection.ts';

// The live socket of each station, one per station id.
export interface ConnectionRegistry {
  get(stationId: string): StationConnection | undefined;
  // Makes conn the station's connection; returns the one it replaces.
  put(conn: StationConnection): StationConnection | undefined;
  // Forgets conn if it is still the station's connection; false when a newer
  // one has replaced it.
  removeIfCurrent(conn: StationConnection): boolean;
  all(): StationConnection[];
  size(): number;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const byStation = new Map<string, StationConnection>();
  return {
    get: (stationId) => byStation.get(stationId),
    put(conn) {
      const previous = byStation.get(conn.stationId);
      byStation.set(conn.stationId, conn);
      return previous === conn ? undefined : previous;
    },
    removeIfCurrent(conn) {
      if (byStation.get(conn.stationId) !== conn) return false;
      byStation.delete(conn.stationId);
      return true;
    },
    all: () => [...byStation.values()],
    size: () => byStation.size,
  };
}
