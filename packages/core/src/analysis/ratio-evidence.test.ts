import { describe, expect, it } from '@jest/globals';
import { mixtureEvidence } from './mixture-evidence';
import { ratioEvidence } from './ratio-evidence';

const input = (canaryEvents: number, canaryTotal: number, baselineEvents: number, baselineTotal: number) => ({
  canaryEvents,
  canaryTotal,
  baselineEvents,
  baselineTotal,
  lowestRatio: Math.SQRT2,
  toleranceRatio: 2,
  dispersion: 1,
});

describe('ratioEvidence', () => {
  it.each([
    // x_c, n_c, x_b, n_b: the tolerance side is −ℓ(2) = −(x_c·log 2 − S·log(1 + n_c/(n_c + n_b))).
    [0, 100, 0, 1900],
    [5, 100, 95, 1900],
    [12, 60, 11, 1140],
    [3, 1000, 0, 1000],
  ])('the tolerance side is the conditional-binomial log-likelihood ratio of ρ = 1 against ρ = 2 (%i/%i vs %i/%i)', (xc, nc, xb, nb) => {
    const share = nc / (nc + nb);
    const events = xc + xb;
    const expected = -(xc * Math.log(2) - events * Math.log(1 + share));
    expect(ratioEvidence(input(xc, nc, xb, nb)).againstTolerance).toBeCloseTo(expected, 12);
  });

  it('equals the binomial likelihood ratio of the canary share π(ρ) = ρ·n_c / (ρ·n_c + n_b)', () => {
    const [xc, nc, xb, nb] = [7, 300, 40, 2700];
    const pi = (rho: number) => (rho * nc) / (rho * nc + nb);
    const binomial = xc * Math.log(pi(2) / pi(1)) + xb * Math.log((1 - pi(2)) / (1 - pi(1)));
    expect(-ratioEvidence(input(xc, nc, xb, nb)).againstTolerance).toBeCloseTo(binomial, 12);
  });

  it('has no evidence either way without errors', () => {
    expect(ratioEvidence(input(0, 5000, 0, 95000))).toEqual({ againstNoRegression: 0, againstTolerance: -0 });
  });

  it('grows with the canary errors and shrinks with the baseline errors', () => {
    const worse = [0, 1, 2, 4, 8, 16, 32].map((xc) => ratioEvidence(input(xc, 1000, 190, 19000)).againstNoRegression);
    for (let i = 1; i < worse.length; i++) expect(worse[i]).toBeGreaterThan(worse[i - 1] ?? Infinity);
    const better = [0, 50, 100, 200, 400].map((xb) => ratioEvidence(input(20, 1000, xb, 19000)).againstNoRegression);
    for (let i = 1; i < better.length; i++) expect(better[i]).toBeLessThan(better[i - 1] ?? -Infinity);
  });

  it('divides every log-likelihood ratio by the dispersion', () => {
    const plain = ratioEvidence(input(30, 1000, 190, 19000));
    const bursty = ratioEvidence({ ...input(30, 1000, 190, 19000), dispersion: 2 });
    expect(bursty.againstTolerance).toBeCloseTo(plain.againstTolerance / 2, 12);
    expect(bursty.againstNoRegression).toBeLessThan(plain.againstNoRegression);
  });
});

describe('mixtureEvidence', () => {
  it('is log c when every component is c: the weights sum to 1', () => {
    expect(mixtureEvidence(1.5, () => Math.log(7))).toBeCloseTo(Math.log(7), 12);
    expect(mixtureEvidence(1.5, () => 0)).toBeCloseTo(0, 12);
  });

  it('stays finite for evidence far beyond floating-point range, and −∞ for none', () => {
    expect(mixtureEvidence(2, (ratio) => 2000 * ratio)).toBeGreaterThan(2000 * 2 * 64 - 10);
    expect(Number.isFinite(mixtureEvidence(2, (ratio) => 2000 * ratio))).toBe(true);
    expect(mixtureEvidence(2, () => -Infinity)).toBe(-Infinity);
    expect(mixtureEvidence(2, () => NaN)).toBe(-Infinity);
  });

  it('lies between the best component and the best component plus its weight', () => {
    const best = (ratio: number) => (ratio > 3 && ratio < 5 ? 10 : 0); // only the 2·2 = 4 component
    const value = mixtureEvidence(2, best);
    expect(value).toBeLessThan(10);
    expect(value).toBeGreaterThan(10 - Math.log(30));
  });
});
