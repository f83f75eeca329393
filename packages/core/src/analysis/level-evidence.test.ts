import { describe, expect, it } from '@jest/globals';
import { levelEvidence } from './level-evidence';

const base = { lowestRatio: Math.SQRT2, alternativeBelow: 0.00025, dispersion: 1, level: 0.0005 };

describe('levelEvidence', () => {
  it.each([
    [0, 1000],
    [0, 100000],
    [3, 20000],
    [40, 20000],
  ])('the "below" side is the Bernoulli log-likelihood ratio of the alternative against the level (%i in %i)', (events, total) => {
    const p = 0.00025;
    const q = 0.0005;
    const expected = events * Math.log(p / q) + (total - events) * Math.log((1 - p) / (1 - q));
    expect(levelEvidence({ ...base, events, total }).againstAtLeast).toBeCloseTo(expected, 9);
  });

  it('finds no evidence that a zero-event alternative explains an event', () => {
    expect(levelEvidence({ ...base, alternativeBelow: 0, events: 1, total: 100 }).againstAtLeast).toBe(-Infinity);
  });

  it('is large above the level only when the rate is clearly above it', () => {
    expect(levelEvidence({ ...base, events: 200, total: 10000 }).againstAtMost).toBeGreaterThan(Math.log(1e6)); // 2 % vs 0.05 %
    expect(levelEvidence({ ...base, events: 3, total: 10000 }).againstAtMost).toBeLessThan(Math.log(100)); // 0.03 %
  });

  it('drops alternatives at or above a rate of 1 from the mixture', () => {
    const high = levelEvidence({ ...base, level: 0.4, events: 60, total: 60 });
    expect(Number.isFinite(high.againstAtMost)).toBe(true);
    expect(high.againstAtMost).toBeGreaterThan(Math.log(100));
  });
});
