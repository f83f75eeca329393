/*
 * Canary latency, judged from Prometheus histograms at every look.
 *
 * A quantile estimated from buckets has no simple sampling law, but "how many requests were slower than T" is a
 * count, and counts are what the error-rate judge knows how to weigh sequentially (see judge-error-rate.ts for
 * the test martingales, the conditional binomial and the references). So the latency question becomes a
 * proportion question at the tolerance bound T = max(m × baseline quantile, baseline quantile + minimum effect):
 *   fail  when the canary has more requests above T than the baseline — the conditional mixture SPRT rejects
 *         "canary share above T ≤ baseline share above T" at α — and its quantile is above the baseline's plus
 *         the minimum effect — the one-sample mixture rejects "canary share above (baseline q + min effect)
 *         ≤ 1 − q" at α. Both are required (intersection-union), so a canary at most `minimumEffectMs` slower is
 *         never a regression, and the seed's ×m — the regression that must be caught — sits in the alternative,
 *         not on the null's boundary;
 *   pass  when the canary's quantile is confidently below T: its share above T tested against "≥ 1 − q" with
 *         the baseline's share above T as the alternative (Wald's likelihood ratio, valid under every share ≥ 1 − q).
 * "Canary quantile at T" means a canary share above T of 1 − q against the baseline's s_b, a share ratio
 * (1 − q) / s_b (about 7 for a log-normal at 1.5× its p95); the mixture's grid starts at its square root, as the
 * error-rate judge's starts at √m. Counts above a bound inside a bucket are interpolated linearly, like
 * histogram_quantile, for both sides alike, and enter the binomial likelihood as real numbers (a quasi-likelihood);
 * with coarse buckets the judge compares what the buckets can tell apart. T is re-read from the baseline at every
 * look; with the baseline's larger traffic it settles within the first looks.
 */
import { formatFigure as f } from './format-figure';
import { readLatencyHistogram, type HistogramBucket } from './latency-histogram';
import { levelEvidence } from './level-evidence';
import { DEFAULT_LATENCY_SETTINGS, type LatencySettings, type MetricJudgement } from './metric-judgement';
import { ratioEvidence } from './ratio-evidence';
import { requireNumber } from './require-number';

/** What the latency judge reads at one look: cumulative histograms (ms) of both sides since the comparison began. */
export interface LatencyInput {
  canary: readonly HistogramBucket[];
  baseline: readonly HistogramBucket[];
  /** 1-based index of this interim analysis (for the record: the test is valid at any number of looks). */
  look: number;
  settings?: LatencySettings;
}

/** The test's name in judgements. */
export const LATENCY_TEST = 'msprt-share-above-threshold';

/**
 * Decides by: the minimum observations in each histogram; the mixture evidence that more canary than baseline
 * requests are above the tolerance bound and that the canary's quantile exceeds the baseline's by more than the
 * minimum effect (fail when both reach 1/α); the evidence that the canary's quantile is below the bound (pass at
 * 1/β); otherwise continue.
 */
export function judgeLatency(input: LatencyInput): MetricJudgement {
  const s = checkSettings(input.settings ?? DEFAULT_LATENCY_SETTINGS);
  const canary = readLatencyHistogram(input.canary, 'canary');
  const baseline = readLatencyHistogram(input.baseline, 'baseline');
  const look = requireNumber(input.look, 'look', { min: 1, integer: true });
  const q = s.quantile;
  const name = `p${Number((q * 100).toPrecision(3))}`;
  const canaryQ = canary.total > 0 ? canary.quantile(q) : null;
  const baselineQ = baseline.total > 0 ? baseline.quantile(q) : null;
  const bound = baselineQ === null ? null : Math.max(s.multiplier * baselineQ, baselineQ + s.minimumEffectMs);
  const common = {
    metric: `latency-${name}`,
    value: canaryQ,
    baseline: baselineQ,
    threshold: bound,
    test: LATENCY_TEST,
    samples: { canary: canary.total, baseline: baseline.total },
  };
  if (canary.total < Math.max(s.minimumRequests, 1) || baseline.total < Math.max(s.minimumRequests, 1) || canaryQ === null || baselineQ === null || bound === null) {
    return {
      ...common,
      decision: 'insufficient-data',
      reason: `Only ${f.count(canary.total)} canary and ${f.count(baseline.total)} baseline requests in the latency histograms at look ${look} (at least ${f.count(s.minimumRequests)} each are needed): not judged.`,
    };
  }

  const tail = 1 - q;
  const effectBound = baselineQ + s.minimumEffectMs;
  const canaryAbove = canary.countAbove(bound);
  const baselineAbove = baseline.countAbove(bound);
  // Half an observation at least, so that a baseline with nothing above T still gives a finite ratio; and a ratio
  // of 2 at least, so that the grid starts above "no change" when m is near 1 and there is no minimum effect.
  const baselineShare = Math.max(baselineAbove, 0.5) / baseline.total;
  const toleranceRatio = Math.max(tail / baselineShare, 2);
  const slower = ratioEvidence({
    canaryEvents: canaryAbove,
    canaryTotal: canary.total,
    baselineEvents: baselineAbove,
    baselineTotal: baseline.total,
    lowestRatio: Math.sqrt(toleranceRatio),
    toleranceRatio,
    dispersion: s.dispersion,
  }).againstNoRegression;
  const beyondEffect = levelEvidence({
    events: canary.countAbove(effectBound),
    total: canary.total,
    level: tail,
    lowestRatio: Math.SQRT2,
    alternativeBelow: tail / 2,
    dispersion: s.dispersion,
  }).againstAtMost;
  const within = levelEvidence({
    events: canaryAbove,
    total: canary.total,
    level: tail,
    lowestRatio: Math.SQRT2,
    alternativeBelow: Math.min(Math.max(baselineShare, tail / 20), tail / 2),
    dispersion: s.dispersion,
  }).againstAtLeast;
  const statistic = Math.min(slower, beyondEffect);
  const failAt = Math.log(1 / s.alpha);
  const passAt = Math.log(1 / s.beta);

  const sides = `Canary ${name} ${f.ms(canaryQ)} vs baseline ${f.ms(baselineQ)} at look ${look}: ${f.percent(canaryAbove / canary.total)} of ${f.count(canary.total)} canary requests took over ${f.ms(bound)} (the tolerance, ${s.multiplier}× baseline ${name} or + ${f.ms(s.minimumEffectMs)}) against ${f.percent(baselineAbove / baseline.total)} of ${f.count(baseline.total)} baseline requests`;
  const judged = { ...common, statistic, pValue: Math.min(1, Math.exp(-statistic)) };
  if (slower >= failAt && beyondEffect >= failAt) {
    return {
      ...judged,
      decision: 'fail',
      reason: `${sides}; the evidence that the canary is slower (${f.odds(slower)}) and that its ${name} is over ${f.ms(effectBound)} (${f.odds(beyondEffect)}) both reach ${f.odds(failAt)} — a regression.`,
    };
  }
  if (within >= passAt) {
    return {
      ...judged,
      decision: 'pass',
      reason: `${sides}; the evidence that the canary's ${name} is below ${f.ms(bound)} is ${f.odds(within)}, at least ${f.odds(passAt)} — within tolerance.`,
    };
  }
  const pending = slower >= failAt ? `the canary is slower (${f.odds(slower)}) but its ${name} is not yet clearly over ${f.ms(effectBound)} (${f.odds(beyondEffect)})` : `evidence that the canary is slower ${f.odds(slower)}`;
  return {
    ...judged,
    decision: 'continue',
    reason: `${sides}; ${pending}, needs ${f.odds(failAt)}; evidence that its ${name} is below ${f.ms(bound)} ${f.odds(within)}, needs ${f.odds(passAt)} — keep watching.`,
  };
}

function checkSettings(s: LatencySettings): LatencySettings {
  const open = { min: 0, max: 1, minExclusive: true, maxExclusive: true };
  return {
    quantile: requireNumber(s.quantile, 'settings.quantile', open),
    multiplier: requireNumber(s.multiplier, 'settings.multiplier', { min: 1, minExclusive: true }),
    minimumEffectMs: requireNumber(s.minimumEffectMs, 'settings.minimumEffectMs', { min: 0 }),
    alpha: requireNumber(s.alpha, 'settings.alpha', open),
    beta: requireNumber(s.beta, 'settings.beta', open),
    minimumRequests: requireNumber(s.minimumRequests, 'settings.minimumRequests', { min: 0 }),
    dispersion: requireNumber(s.dispersion, 'settings.dispersion', { min: 1 }),
  };
}
