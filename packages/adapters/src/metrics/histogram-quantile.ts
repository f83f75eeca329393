import { readLatencyHistogram } from '@safe-deploy/core';

/** One cumulative bucket: how many observations were at most `le`. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * The φ-quantile of a scraped cumulative histogram, as Prometheus' `histogram_quantile` computes it (the
 * interpolation is the core's, shared with the canary judge). Scraped data is taken as Prometheus takes it —
 * buckets sorted, counts made monotonic so a reset in one bucket cannot invert it — and what cannot be read gives
 * NaN rather than an exception: no observations, no `+Inf` bucket, fewer than two buckets.
 */
export function histogramQuantile(phi: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  let highest = 0;
  const monotonic = sorted.map((bucket) => {
    highest = Math.max(highest, bucket.count);
    return { le: bucket.le, count: highest };
  });
  try {
    const histogram = readLatencyHistogram(monotonic, 'histogram');
    if (histogram.total <= 0) return NaN;
    // The core judges quantiles strictly inside (0, 1); the ends are the histogram's edges.
    if (phi === 0 || phi === 1) return histogram.quantile(phi === 0 ? Number.MIN_VALUE : 1 - Number.EPSILON);
    return histogram.quantile(phi);
  } catch {
    return NaN;
  }
}
