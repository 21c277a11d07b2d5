// Seeded randomness for the chaos run: every choice a session makes comes
// from its own stream, forked from the run's seed and the session's number,
// so the same seed draws the same plan whatever order the sessions run in.

export interface Prng {
  next(): number; // [0, 1)
  chance(p: number): boolean;
  int(min: number, max: number): number; // inclusive
  between(min: number, max: number): number;
  logUniform(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

// mulberry32
function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// FNV-1a over the label, mixed with the seed: independent streams per label.
function mix(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function prng(seed: number, label = ''): Prng {
  const next = stream(mix(seed, label));
  const self: Prng = {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
  return self;
}
