export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export const EMPTY_SUMMARY: Summary = { n: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };

// Nearest-rank percentiles over every sample (no histogram buckets, so no
// rounding of the tail).
export function summarize(samples: ArrayLike<number>): Summary {
  const n = samples.length;
  if (n === 0) return EMPTY_SUMMARY;
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] as number;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return { n, p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[n - 1] as number, mean: sum / n };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(1)} ms`;
}
