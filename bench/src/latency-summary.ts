export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of ascending samples: the smallest sample with at least p % of samples at or below it. */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  return sortedAscending[Math.max(0, Math.ceil((p / 100) * n) - 1)]!;
}

/** Count, mean, p50/p95/p99 and max of latencies in milliseconds; NaN everywhere but count when empty. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const sample of sorted) sum += sample;
  const n = sorted.length;
  return {
    count: n,
    mean: n === 0 ? Number.NaN : sum / n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n === 0 ? Number.NaN : sorted[n - 1]!,
  };
}
