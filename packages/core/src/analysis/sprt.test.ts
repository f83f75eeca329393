import { describe, expect, it } from '@jest/globals';
import { waldSprt } from './sprt';

describe('waldSprt', () => {
  // Reference values computed independently (Python) from Wald's formulas.
  it.each([
    [{ p0: 0.01, p1: 0.02, alpha: 0.01, beta: 0.01 }, 4.59511985013459, -4.59511985013459, 0.6931471805599453, -0.010152371464017962, 1443.6276788354655, 1150.6528330491715],
    [{ p0: 0.001, p1: 0.0015, alpha: 0.01, beta: 0.01 }, 4.59511985013459, -4.59511985013459, 0.4054651081081644, -0.0005006257926835453, 47572.5190861072, 41572.20006851316],
    [{ p0: 0.05, p1: 0.2, alpha: 0.05, beta: 0.1 }, 2.8903717578961645, -2.251291798606495, 1.3862943611198906, -0.17185025692665915, 21.227851658353575, 16.999771557706747],
    [{ p0: 0.1, p1: 0.2, alpha: 0.05, beta: 0.2 }, 2.772588722239781, -1.5581446180465497, 0.6931471805599453, -0.11778303565638339, 36.56602447089675, 42.934975754789214],
  ])('%o: boundaries, steps and expected sample sizes', (design, upper, lower, eventStep, nonEventStep, h0, h1) => {
    const sprt = waldSprt(design);
    expect(sprt.logUpper).toBeCloseTo(upper, 12);
    expect(sprt.logLower).toBeCloseTo(lower, 12);
    expect(sprt.eventStep).toBeCloseTo(eventStep, 12);
    expect(sprt.nonEventStep).toBeCloseTo(nonEventStep, 12);
    expect(sprt.expectedSampleSize.h0).toBeCloseTo(h0, 6);
    expect(sprt.expectedSampleSize.h1).toBeCloseTo(h1, 6);
  });

  it.each([
    // p0 1 %, p1 2 %: each error +log 2, each success −0.01015; log A = −log B = log 99.
    [7, 7, 'accept-h1'], // 7·0.693 = 4.85
    [6, 6, 'continue'], // 4.16
    [0, 453, 'accept-h0'], // −4.599
    [0, 452, 'continue'], // −4.589
    [10, 200, 'accept-h1'], // 6.93 − 1.93 = 5.00
    [10, 250, 'continue'], // 6.93 − 2.44 = 4.50
  ] as const)('%i errors in %i requests → %s', (errors, requests, expected) => {
    const sprt = waldSprt({ p0: 0.01, p1: 0.02, alpha: 0.01, beta: 0.01 });
    const llr = errors * Math.log(2) + (requests - errors) * Math.log(0.98 / 0.99);
    expect(sprt.logLikelihoodRatio(errors, requests)).toBeCloseTo(llr, 12);
    expect(sprt.decide(errors, requests)).toBe(expected);
  });

  it('has zero drift exactly between its hypotheses, positive under H1 and negative under H0', () => {
    const sprt = waldSprt({ p0: 0.01, p1: 0.02, alpha: 0.01, beta: 0.01 });
    const neutral = -sprt.nonEventStep / (sprt.eventStep - sprt.nonEventStep);
    expect(sprt.drift(neutral)).toBeCloseTo(0, 15);
    expect(sprt.drift(0.02)).toBeGreaterThan(0);
    expect(sprt.drift(0.01)).toBeLessThan(0);
  });

  it.each([
    [{ p0: 0, p1: 0.02, alpha: 0.01, beta: 0.01 }, /p0/],
    [{ p0: 0.02, p1: 0.01, alpha: 0.01, beta: 0.01 }, /p1/],
    [{ p0: 0.01, p1: 0.02, alpha: 0, beta: 0.01 }, /alpha/],
    [{ p0: 0.01, p1: 0.02, alpha: 0.5, beta: 0.6 }, /beta/],
    [{ p0: NaN, p1: 0.02, alpha: 0.01, beta: 0.01 }, /p0 must be a finite number/],
  ])('rejects %o', (design, message) => {
    expect(() => waldSprt(design)).toThrow(RangeError);
    expect(() => waldSprt(design)).toThrow(message);
  });
});
