import { requireNumber } from './require-number';

/** One cumulative bucket of a Prometheus histogram: how many observations were at most `le` ms. */
export interface HistogramBucket {
  le: number;
  count: number;
}

/** A validated cumulative histogram, with the two readings the latency judge needs. */
export interface LatencyHistogram {
  total: number;
  /** The q-quantile in ms, interpolated as Prometheus' histogram_quantile does. */
  quantile(q: number): number;
  /** How many observations were above `ms`, interpolating linearly inside the bucket that holds it. */
  countAbove(ms: number): number;
}

/** Relative slack for cumulative counts that decrease by floating-point noise (Prometheus' increase() is a float). */
const NOISE = 1e-9;

/**
 * Validates a cumulative histogram (bounds strictly increasing, the last one +Inf, counts finite, non-negative and
 * non-decreasing) and reads it. Within a bucket observations are taken as spread evenly, from 0 below the first
 * bound; the +Inf bucket has no width, so a quantile there is the last finite bound and everything in it counts as
 * above any larger threshold — the same convention for canary and baseline, so comparisons stay fair.
 */
export function readLatencyHistogram(buckets: readonly HistogramBucket[], field: string): LatencyHistogram {
  if (!Array.isArray(buckets) || buckets.length < 2) throw new RangeError(`${field} must have at least one finite bucket and +Inf`);
  const les: number[] = [];
  const counts: number[] = [];
  buckets.forEach((bucket, i) => {
    const le = bucket.le;
    if (i === buckets.length - 1) {
      if (le !== Infinity) throw new RangeError(`${field}[${i}].le must be Infinity, the +Inf bucket (got ${String(le)})`);
    } else {
      requireNumber(le, () => `${field}[${i}].le`);
    }
    const previousLe = les[i - 1];
    if (previousLe !== undefined && !(le > previousLe)) throw new RangeError(`${field}[${i}].le must be above the previous bound ${previousLe} (got ${String(le)})`);
    let count = requireNumber(bucket.count, () => `${field}[${i}].count`, { min: 0 });
    const previousCount = counts[i - 1];
    if (previousCount !== undefined && count < previousCount) {
      if (previousCount - count > NOISE * Math.max(1, previousCount)) {
        throw new RangeError(`${field}[${i}].count must not be below the previous bucket's ${previousCount}: buckets are cumulative (got ${count})`);
      }
      count = previousCount;
    }
    les.push(le);
    counts.push(count);
  });
  const last = les.length - 1;
  const total = counts[last] ?? 0;
  const lowerEdge = (i: number): number => (i === 0 ? Math.min(0, les[0] ?? 0) : (les[i - 1] ?? 0));
  const countBelow = (i: number): number => (i === 0 ? 0 : (counts[i - 1] ?? 0));

  return {
    total,
    quantile(q) {
      requireNumber(q, 'quantile', { min: 0, max: 1, minExclusive: true, maxExclusive: true });
      if (total <= 0) return NaN;
      const rank = q * total;
      const i = counts.findIndex((c) => c >= rank);
      if (i === last || i < 0) return les[last - 1] ?? NaN;
      const inBucket = (counts[i] ?? 0) - countBelow(i);
      const lo = lowerEdge(i);
      const hi = les[i] ?? lo;
      if (inBucket <= 0) return hi;
      return lo + (hi - lo) * ((rank - countBelow(i)) / inBucket);
    },
    countAbove(ms) {
      const i = les.findIndex((le) => ms <= le);
      if (i === last || i < 0) return total - (counts[last - 1] ?? 0);
      const lo = lowerEdge(i);
      const hi = les[i] ?? lo;
      if (ms <= lo) return total - countBelow(i);
      const atMs = countBelow(i) + ((counts[i] ?? 0) - countBelow(i)) * ((ms - lo) / (hi - lo));
      return total - atMs;
    },
  };
}
