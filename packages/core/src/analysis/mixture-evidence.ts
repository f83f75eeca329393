/**
 * Alternatives the mixture spreads its weight over, as multiples of the lowest ratio: √2 steps up to 8× (where
 * detection is slow and a close match saves samples), then doublings up to 64× (hard faults are obvious anyway).
 */
const STEPS = [1, Math.SQRT2, 2, 2 * Math.SQRT2, 4, 8, 16, 32, 64];
/** Each step gets DECAY times the weight of the one below: the smallest regressions, the slowest to show, get most. */
const DECAY = 0.6;
const WEIGHTS = STEPS.map((_, i) => DECAY ** i);
const LOG_WEIGHTS = WEIGHTS.map((w) => Math.log(w / WEIGHTS.reduce((a, b) => a + b, 0)));

/**
 * Log of a mixture of likelihood ratios (Robbins' mixture SPRT, over a discrete grid of alternatives starting at
 * `lowestRatio`): log Σ wⱼ · exp(ℓ(ratioⱼ) / dispersion), computed with log-sum-exp so that evidence of e^800
 * neither overflows nor loses the smaller terms. A mixture of test martingales with weights summing to 1 is a
 * test martingale, so Ville's inequality bounds its chance of ever reaching 1/α under the null by α.
 */
export function mixtureEvidence(lowestRatio: number, logLikelihoodRatio: (ratio: number) => number, dispersion = 1): number {
  const terms: number[] = [];
  STEPS.forEach((step, i) => {
    const term = (LOG_WEIGHTS[i] ?? -Infinity) + logLikelihoodRatio(lowestRatio * step) / dispersion;
    if (!Number.isNaN(term)) terms.push(term);
  });
  const top = Math.max(...terms);
  if (top === -Infinity || top === Infinity) return top;
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}
