export interface ReplayGuard {
  // true the first time a key is seen, false for a repeat.
  firstSighting(key: string): boolean;
}

// Remembers the last `capacity` keys; the oldest is forgotten first. A repeat
// older than that gets through, which is fine: it only saves work, the session
// logic is idempotent on its own.
export function createReplayGuard(capacity: number): ReplayGuard {
  const seen = new Set<string>();
  return {
    firstSighting(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      if (seen.size > capacity) {
        const oldest = seen.values().next();
        if (oldest.done !== true) seen.delete(oldest.value);
      }
      return true;
    },
  };
}
