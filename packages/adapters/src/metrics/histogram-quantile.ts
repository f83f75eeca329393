/** One cumulative bucket: how many observations were at most `le`. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * The φ-quantile of a cumulative histogram, computed as Prometheus' `histogram_quantile` does: find the bucket
 * holding rank φ·total and interpolate linearly inside it (from 0 for the first bucket); a rank in the `+Inf`
 * bucket returns the largest finite bound. NaN when there are no observations, no `+Inf` bucket or fewer than two
 * buckets. Counts are made monotonic first, as Prometheus does, so a counter reset in one bucket cannot invert it.
 */
export function histogramQuantile(phi: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted.at(-1)?.le !== Infinity) return NaN;
  let highest = 0;
  const monotonic = sorted.map((bucket) => {
    highest = Math.max(highest, bucket.count);
    return { le: bucket.le, count: highest };
  });
  const total = monotonic.at(-1)?.count ?? 0;
  if (total <= 0) return NaN;
  const rank = phi * total;
  const index = monotonic.findIndex((bucket) => bucket.count >= rank);
  const bucket = monotonic[index] as Bucket;
  if (index === monotonic.length - 1) return monotonic[monotonic.length - 2]?.le ?? NaN;
  if (index === 0 && bucket.le <= 0) return bucket.le;
  const previous = index > 0 ? (monotonic[index - 1] as Bucket) : { le: 0, count: 0 };
  const inBucket = bucket.count - previous.count;
  if (inBucket <= 0) return bucket.le;
  return previous.le + (bucket.le - previous.le) * ((rank - previous.count) / inBucket);
}
