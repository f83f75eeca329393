import { describe, expect, it } from '@jest/globals';
import { histogramQuantile } from './histogram-quantile';

// The example histogram of the Prometheus exposition-format documentation (seconds).
const docs = [
  { le: 0.05, count: 24054 },
  { le: 0.1, count: 33444 },
  { le: 0.2, count: 100392 },
  { le: 0.5, count: 129389 },
  { le: 1, count: 133988 },
  { le: Infinity, count: 144320 },
];

describe('histogramQuantile', () => {
  it.each([
    ['interpolates inside the bucket holding the rank (p50)', 0.5, docs, 0.1 + 0.1 * ((72160 - 33444) / (100392 - 33444))],
    ['interpolates from 0 in the first bucket', 0.1, docs, 0.05 * (14432 / 24054)],
    ['returns the largest finite bound when the rank falls in +Inf (p95)', 0.95, docs, 1],
    ['returns the upper bound of a bucket reached exactly', 24054 / 144320, docs, 0.05],
    ['sorts buckets given out of order', 0.5, [...docs].reverse(), 0.1 + 0.1 * ((72160 - 33444) / (100392 - 33444))],
    ['makes counts monotonic (a reset in one bucket)', 0.6, [{ le: 1, count: 10 }, { le: 2, count: 4 }, { le: 3, count: 16 }, { le: Infinity, count: 20 }], 2 + 2 / 6],
    ['returns a first bound at or below zero as is', 0.1, [{ le: -1, count: 5 }, { le: Infinity, count: 10 }], -1],
  ])('%s', (_name, phi, buckets, expected) => {
    expect(histogramQuantile(phi, buckets)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['no observations', [{ le: 1, count: 0 }, { le: Infinity, count: 0 }]],
    ['no +Inf bucket', [{ le: 1, count: 3 }, { le: 2, count: 4 }]],
    ['a single bucket', [{ le: Infinity, count: 4 }]],
    ['no buckets', []],
  ])('is NaN with %s (no-data, never 0 ms)', (_name, buckets) => {
    expect(histogramQuantile(0.95, buckets)).toBeNaN();
  });

  it('follows Prometheus for φ outside [0, 1]', () => {
    expect(histogramQuantile(-0.1, docs)).toBe(-Infinity);
    expect(histogramQuantile(1.1, docs)).toBe(Infinity);
    expect(histogramQuantile(NaN, docs)).toBeNaN();
  });
});
