import { describe, expect, it } from '@jest/globals';
import { estimateDispersion } from './estimate-dispersion';

const rows = (...r: [number, number, number, number][]) => r.map(([nc, xc, nb, xb]) => ({ canary: { requests: nc, errors: xc }, baseline: { requests: nb, errors: xb } }));

describe('estimateDispersion', () => {
  it('is Pearson X² / (K − 1) around the fitted rate ratio (reference: scipy brentq + direct sum)', () => {
    const estimate = estimateDispersion(rows([100, 2, 1900, 20], [100, 0, 1900, 15], [100, 5, 1900, 30], [100, 1, 1900, 18]));
    expect(estimate.degreesOfFreedom).toBe(3);
    expect(estimate.dispersion).toBeCloseTo(1.020320516515824, 9);
  });

  it('is above 1 when the canary share swings more than the binomial allows', () => {
    const swings = rows([100, 0, 1900, 40], [100, 12, 1900, 28], [100, 0, 1900, 40], [100, 11, 1900, 29], [100, 1, 1900, 39], [100, 10, 1900, 30]);
    expect(estimateDispersion(swings).dispersion).toBeGreaterThan(3);
  });

  it('ignores swings that hit both sides alike (a shared incident)', () => {
    const shared = rows([100, 1, 1900, 19], [100, 20, 1900, 380], [100, 2, 1900, 38], [100, 10, 1900, 190]);
    expect(estimateDispersion(shared)).toEqual({ dispersion: 1, degreesOfFreedom: 3 });
  });

  it.each([
    ['no intervals', rows()],
    ['one informative interval', rows([100, 3, 1900, 40], [100, 0, 1900, 0])],
    ['errors on one side only', rows([100, 0, 1900, 10], [100, 0, 1900, 12])],
  ])('is 1 with %s', (_name, intervals) => {
    expect(estimateDispersion(intervals).dispersion).toBe(1);
  });

  it.each([
    [rows([100, 101, 1900, 0]), /intervals\[0\]\.canary\.errors must be at most 100/],
    [rows([-1, 0, 1900, 0]), /intervals\[0\]\.canary\.requests must be at least 0/],
    [rows([100, 0, 1900, 0], [100, 0, NaN, 0]), /intervals\[1\]\.baseline\.requests must be a finite number/],
  ])('throws a RangeError naming the field', (intervals, message) => {
    expect(() => estimateDispersion(intervals)).toThrow(RangeError);
    expect(() => estimateDispersion(intervals)).toThrow(message);
  });
});
