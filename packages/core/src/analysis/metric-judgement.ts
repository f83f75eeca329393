/** What a metric's judgement asks of the rollout at this look. */
export type MetricDecision = 'pass' | 'fail' | 'continue' | 'insufficient-data';

/**
 * One metric's verdict at one look, with the numbers behind it: `fail` rolls back, `pass` means confidently not
 * regressed beyond the tolerance (early promotion is allowed), `continue` keeps watching, `insufficient-data` is
 * below the minimum sample and is never a failure.
 */
export interface MetricJudgement {
  metric: string;
  decision: MetricDecision;
  /** The canary's value: an error rate in %, or a latency quantile in ms; null when it has no requests. */
  value: number | null;
  /** The baseline's value, in the same unit. */
  baseline: number | null;
  /** The tolerance the canary is held to, in the same unit: `pass` means confidently below it. */
  threshold: number | null;
  /** Name of the test used. */
  test: string;
  /** Natural log of the evidence (mixture likelihood ratio) against "no regression". */
  statistic?: number;
  /** Anytime-valid p-value against "no regression": valid at whichever look the caller stops. */
  pValue?: number;
  samples: { canary: number; baseline: number };
  /** One sentence a person understands, with the numbers. */
  reason: string;
}

/** How error rates (errors / requests) are judged. */
export interface ErrorRateSettings {
  /** The regression the watch must catch: canary error rate ≥ multiplier × the baseline's (seeds 000/003: 2). */
  multiplier: number;
  /** False-rollback budget of this metric over the whole rollout, whatever the number of looks. */
  alpha: number;
  /** Chance that a canary regressed exactly to the tolerance is passed (promoted early). */
  beta: number;
  /** A canary error rate at or below this fraction (0.0005 = 0.05 %) is never a regression, whatever the baseline. */
  absoluteFloor: number;
  /** Fewer requests than this on either side: `insufficient-data`. */
  minimumRequests: number;
  /** Variance inflation of the counts: 1 for independent requests, more when errors come in bursts. */
  dispersion: number;
}

/** How a latency quantile, read from Prometheus histograms, is judged. */
export interface LatencySettings {
  /** The quantile judged (0.95 = p95). */
  quantile: number;
  /** The regression the watch must catch: canary quantile ≥ multiplier × the baseline's (seed 003: 1.5; seed 000: 3). */
  multiplier: number;
  /** A canary quantile at most this many ms above the baseline's is never a regression. */
  minimumEffectMs: number;
  /** False-rollback budget of this metric over the whole rollout, whatever the number of looks. */
  alpha: number;
  /** Chance that a canary regressed exactly to the tolerance is passed (promoted early). */
  beta: number;
  /** Fewer observations than this in either histogram: `insufficient-data`. */
  minimumRequests: number;
  /** Variance inflation of the counts: 1 for independent requests, more when slow requests come in bursts. */
  dispersion: number;
}

/** Defaults for error rates: the seeds' 2× trigger, a 1 % false-rollback budget, a 0.05 % floor. */
export const DEFAULT_ERROR_RATE_SETTINGS: Readonly<ErrorRateSettings> = Object.freeze({
  multiplier: 2,
  alpha: 0.01,
  beta: 0.01,
  absoluteFloor: 0.0005,
  minimumRequests: 20,
  dispersion: 1,
});

/** Defaults for latency: p95, seed 003's 1.5× trigger, 25 ms minimum effect, a 1 % false-rollback budget. */
export const DEFAULT_LATENCY_SETTINGS: Readonly<LatencySettings> = Object.freeze({
  quantile: 0.95,
  multiplier: 1.5,
  minimumEffectMs: 25,
  alpha: 0.01,
  beta: 0.01,
  minimumRequests: 20,
  dispersion: 1,
});
