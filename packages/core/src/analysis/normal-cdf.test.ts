import { describe, expect, it } from '@jest/globals';
import { normalCdf } from './normal-cdf';

describe('normalCdf', () => {
  // Reference values: scipy.stats.norm.cdf (double precision).
  it.each([
    [-37.5, 4.605353009581954e-308],
    [-20, 2.7536241186061556e-89],
    [-10, 7.61985302416047e-24],
    [-7.5, 3.1908916729108844e-14],
    [-5, 2.866515718791933e-7],
    [-3, 0.0013498980316300933],
    [-2.326347874040841, 0.01],
    [-1.959963984540054, 0.025],
    [-1, 0.15865525393145707],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [1.6448536269514722, 0.95],
    [3, 0.9986501019683699],
    [8, 0.9999999999999993],
  ])('Φ(%p) = %p (relative error < 1e-14 for |x| < 10, 3e-13 beyond)', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(Math.abs(x) < 10 ? 1e-14 : 3e-13);
  });

  it.each([[-39, 0], [40, 1], [-Infinity, 0], [Infinity, 1]])('Φ(%p) = %p in the far tails', (x, expected) => {
    expect(normalCdf(x)).toBe(expected);
  });

  it('is NaN for NaN, and Φ(x) + Φ(−x) = 1', () => {
    expect(normalCdf(NaN)).toBeNaN();
    for (const x of [0.1, 0.7, 1.3, 2.9, 4.4, 6.8]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });
});
