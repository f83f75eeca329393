import { requireNumber } from './require-number';

/** A Wald SPRT design for a Bernoulli rate: H0 p = p0 against H1 p = p1 > p0, with error probabilities α and β. */
export interface SprtDesign {
  p0: number;
  p1: number;
  alpha: number;
  beta: number;
}

/** What a Wald SPRT concludes after some observations. */
export type SprtDecision = 'accept-h1' | 'accept-h0' | 'continue';

/** A Wald SPRT for Bernoulli observations, with its boundaries and Wald's expected sample sizes. */
export interface WaldSprt {
  design: SprtDesign;
  /** log A = log((1 − β) / α): H1 is accepted at or above it. */
  logUpper: number;
  /** log B = log(β / (1 − α)): H0 is accepted at or below it. */
  logLower: number;
  /** The log-likelihood-ratio step of one event (error) and of one non-event. */
  eventStep: number;
  nonEventStep: number;
  /** Expected log-likelihood-ratio step per observation when the true rate is p. */
  drift(p: number): number;
  /** Wald's approximations (overshoot ignored) of the expected number of observations to a decision. */
  expectedSampleSize: { h0: number; h1: number };
  /** The log-likelihood ratio of `events` in `total` observations. */
  logLikelihoodRatio(events: number, total: number): number;
  /** The decision after `events` in `total` observations, when the test is applied only then. */
  decide(events: number, total: number): SprtDecision;
}

/**
 * Wald's sequential probability ratio test (Wald 1945; Wald and Wolfowitz 1948 proved that no test with the same
 * error probabilities needs fewer observations on average under H0 or H1): the reference a sequential canary
 * judge is measured against. Expected sample sizes are Wald's: E₀N = ((1 − α)·log B + α·log A) / E₀z and
 * E₁N = (β·log B + (1 − β)·log A) / E₁z, with z the log-likelihood-ratio step of one observation.
 */
export function waldSprt(design: SprtDesign): WaldSprt {
  const p0 = requireNumber(design.p0, 'p0', { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const p1 = requireNumber(design.p1, 'p1', { min: p0, max: 1, minExclusive: true, maxExclusive: true });
  const alpha = requireNumber(design.alpha, 'alpha', { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const beta = requireNumber(design.beta, 'beta', { min: 0, max: 1 - alpha, minExclusive: true, maxExclusive: true });
  const logUpper = Math.log((1 - beta) / alpha);
  const logLower = Math.log(beta / (1 - alpha));
  const eventStep = Math.log(p1 / p0);
  const nonEventStep = Math.log1p(-p1) - Math.log1p(-p0);
  const drift = (p: number): number => p * eventStep + (1 - p) * nonEventStep;
  const logLikelihoodRatio = (events: number, total: number): number => events * eventStep + (total - events) * nonEventStep;
  return {
    design: { p0, p1, alpha, beta },
    logUpper,
    logLower,
    eventStep,
    nonEventStep,
    drift,
    expectedSampleSize: {
      h0: ((1 - alpha) * logLower + alpha * logUpper) / drift(p0),
      h1: (beta * logLower + (1 - beta) * logUpper) / drift(p1),
    },
    logLikelihoodRatio,
    decide(events, total) {
      const llr = logLikelihoodRatio(events, total);
      if (llr >= logUpper) return 'accept-h1';
      if (llr <= logLower) return 'accept-h0';
      return 'continue';
    },
  };
}
