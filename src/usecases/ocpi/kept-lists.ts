// Lists kept for a short time under a key, at most `max` of them: the oldest
// (and any older than `ttlMs`) dropped when another is made. A list being
// made is kept as its promise, so requests that come while it is made wait
// for the same one; one that fails is forgotten. The clock is given, so the
// expiry is tested without waiting.

export interface KeptListsOptions {
  ttlMs: number;
  max: number;
  now(): number; // ms
}

export interface KeptLists<T> {
  // The list kept under `key` if it is younger than ttlMs and `fresh` is
  // false; else a new one from make(), kept from now on.
  get(key: string, fresh: boolean, make: () => Promise<T>): Promise<T>;
  size(): number;
}

export function keptLists<T>(o: KeptListsOptions): KeptLists<T> {
  // In the order they were made (a list made again moves to the end), so the oldest is first.
  const kept = new Map<string, { madeAt: number; list: Promise<T> }>();
  return {
    get(key, fresh, make) {
      const at = o.now();
      const held = kept.get(key);
      if (!fresh && held && at - held.madeAt < o.ttlMs) return held.list;
      const list = make();
      kept.delete(key);
      kept.set(key, { madeAt: at, list });
      for (const [k, v] of kept) {
        if (kept.size <= o.max && at - v.madeAt < o.ttlMs) break;
        kept.delete(k);
      }
      list.catch(() => {
        if (kept.get(key)?.list === list) kept.delete(key);
      });
      return list;
    },
    size: () => kept.size,
  };
}
