import { describe, expect, it } from '@jest/globals';
import { readLatencyHistogram } from './latency-histogram';

const histogram = [
  { le: 100, count: 50 },
  { le: 200, count: 90 },
  { le: 500, count: 99 },
  { le: Infinity, count: 100 },
];

describe('readLatencyHistogram', () => {
  it.each([
    [0.5, 100], // rank 50 at the top of the first bucket, interpolated from 0
    [0.9, 200],
    [0.95, 200 + (300 * 5) / 9],
    [0.25, 50],
    [0.995, 500], // the +Inf bucket: the largest finite bound, as histogram_quantile
  ])('quantile(%p) = %p ms, as Prometheus histogram_quantile', (q, expected) => {
    expect(readLatencyHistogram(histogram, 'h').quantile(q)).toBeCloseTo(expected, 10);
  });

  it.each([
    [0, 100],
    [50, 75],
    [100, 50],
    [150, 30],
    [500, 1],
    [600, 1], // beyond the last finite bound: all of the +Inf bucket counts as above
  ])('countAbove(%p ms) = %p, interpolating inside the bucket', (ms, expected) => {
    expect(readLatencyHistogram(histogram, 'h').countAbove(ms)).toBeCloseTo(expected, 10);
  });

  it('reads an empty histogram as 0 observations with no quantile', () => {
    const empty = readLatencyHistogram([{ le: 10, count: 0 }, { le: Infinity, count: 0 }], 'h');
    expect(empty.total).toBe(0);
    expect(empty.quantile(0.95)).toBeNaN();
  });

  it('tolerates cumulative counts that decrease by floating-point noise only', () => {
    const noisy = readLatencyHistogram([{ le: 10, count: 100.00000000001 }, { le: Infinity, count: 100 }], 'h');
    expect(noisy.countAbove(10)).toBeCloseTo(0, 9);
  });

  it.each([
    [[], /canary must have at least one finite bucket and \+Inf/],
    [[{ le: 100, count: 1 }, { le: 200, count: 2 }], /canary\[1\]\.le must be Infinity/],
    [[{ le: 100, count: 1 }, { le: 100, count: 2 }, { le: Infinity, count: 2 }], /canary\[1\]\.le must be above the previous bound 100/],
    [[{ le: NaN, count: 1 }, { le: Infinity, count: 2 }], /canary\[0\]\.le must be a finite number/],
    [[{ le: 100, count: NaN }, { le: Infinity, count: 2 }], /canary\[0\]\.count must be a finite number/],
    [[{ le: 100, count: -1 }, { le: Infinity, count: 2 }], /canary\[0\]\.count must be at least 0/],
    [[{ le: 100, count: 5 }, { le: Infinity, count: 4 }], /canary\[1\]\.count must not be below the previous bucket's 5/],
    [[{ le: 100, count: 5 }, { le: Infinity, count: Infinity }], /canary\[1\]\.count must be a finite number/],
  ])('throws a RangeError naming the field for %j', (buckets, message) => {
    expect(() => readLatencyHistogram(buckets, 'canary')).toThrow(RangeError);
    expect(() => readLatencyHistogram(buckets, 'canary')).toThrow(message);
  });
});
