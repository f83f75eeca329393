import { describe, expect, it } from '@jest/globals';
import { mannWhitneyU } from './mann-whitney';
import { mannWhitneyUGrouped, type MannWhitneyAlternative } from './mann-whitney-grouped';

describe('mannWhitneyU', () => {
  // Reference values: scipy.stats.mannwhitneyu(x, y, alternative, method='asymptotic', use_continuity=True).
  it.each([
    [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 'less', 0, 0.006092890177672406],
    [[1, 2, 2, 3, 3, 3, 4], [2, 3, 3, 4, 4, 5, 5, 6], 'two-sided', 11, 0.04988443697992588],
    [[0, 0, 0, 0, 1, 0, 0, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 'greater', 46.5, 0.20565689588812947],
    [[3.1, 2.2, 5.5, 1.0, 4.4, 2.2], [1.1, 0.5, 2.2, 0.9], 'greater', 21, 0.03328398319063981],
  ] as const)('%j vs %j (%s): U = %p, p = %p', (x, y, alternative, u, p) => {
    const result = mannWhitneyU(x, y, alternative as MannWhitneyAlternative);
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it('gives the same answer on grouped counts as on the samples they stand for', () => {
    const x = [10, 10, 25, 25, 25, 50, 100];
    const y = [10, 25, 25, 50, 50, 50, 100, 100];
    const grouped = mannWhitneyUGrouped([{ x: 2, y: 1 }, { x: 3, y: 2 }, { x: 1, y: 3 }, { x: 1, y: 2 }], 'less');
    expect(grouped).toEqual(mannWhitneyU(x, y, 'less'));
  });

  it.each([
    ['all values tied', [5, 5, 5], [5, 5]],
    ['an empty sample', [], [1, 2, 3]],
  ])('has p = 1 with %s (no variance)', (_name, x, y) => {
    expect(mannWhitneyU(x, y, 'greater').pValue).toBe(1);
  });

  it.each([
    [() => mannWhitneyU([1, NaN], [2]), /x\[1\] must be a finite number/],
    [() => mannWhitneyUGrouped([{ x: 1, y: 2 }, { x: -1, y: 0 }]), /groups\[1\]\.x must be at least 0/],
  ])('throws a RangeError naming what cannot be ranked (%#)', (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('orients one-sided alternatives: a larger x is significant for "greater", not for "less"', () => {
    const x = Array.from({ length: 30 }, (_, i) => i + 20);
    const y = Array.from({ length: 30 }, (_, i) => i);
    expect(mannWhitneyU(x, y, 'greater').pValue).toBeLessThan(1e-6);
    expect(mannWhitneyU(x, y, 'less').pValue).toBeGreaterThan(0.999);
  });
});
