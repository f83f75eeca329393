import { mixtureEvidence } from './mixture-evidence';

/** Cumulative events (errors, slow requests) and exposures (requests) of both sides, and the ratios to weigh. */
export interface RatioEvidenceInput {
  canaryEvents: number;
  canaryTotal: number;
  baselineEvents: number;
  baselineTotal: number;
  /** The smallest rate ratio the mixture looks for (canary rate ÷ baseline rate). */
  lowestRatio: number;
  /** The rate ratio that is a regression beyond tolerance (the `pass` side tests it). */
  toleranceRatio: number;
  dispersion: number;
}

/** Natural logs of the two e-values (likelihood ratios) this comparison yields. */
export interface RatioEvidence {
  /** Against H0 "canary rate ≤ baseline rate": large means the canary is worse. */
  againstNoRegression: number;
  /** Against H "canary rate ≥ toleranceRatio × baseline rate": large means the canary is within tolerance. */
  againstTolerance: number;
}

/**
 * The evidence that the canary's event rate is a multiple of the baseline's, from the split of the events between
 * the two sides. Given the total S = x_c + x_b, the canary's share is exactly Binomial(S, π(ρ)) with
 * π(ρ) = ρ·n_c / (ρ·n_c + n_b) when events are Poisson with rates proportional to requests (Przyborowski and
 * Wilenski's conditional test; for binomial counts the null law is hypergeometric, which is tighter, so the test
 * stays conservative). The baseline's unknown rate drops out, small counts need no normal approximation, and the
 * likelihood ratio against ρ = 1 is ℓ(ρ) = x_c·log ρ − S·log(1 + (ρ − 1)·n_c/(n_c + n_b)), a function of the
 * cumulative counts only.
 */
export function ratioEvidence(input: RatioEvidenceInput): RatioEvidence {
  const { canaryEvents: xc, canaryTotal: nc, baselineEvents: xb, baselineTotal: nb } = input;
  const share = nc / (nc + nb);
  const events = xc + xb;
  const logRatio = (ratio: number): number => (xc === 0 ? 0 : xc * Math.log(ratio)) - events * Math.log1p((ratio - 1) * share);
  return {
    againstNoRegression: mixtureEvidence(input.lowestRatio, logRatio, input.dispersion),
    againstTolerance: -logRatio(input.toleranceRatio) / input.dispersion,
  };
}
