/*
 * Canary error rates, judged at every look without inflating false rollbacks.
 *
 * The question. At each look we hold cumulative counts — canary n_c requests with x_c errors, baseline n_b with
 * x_b, over the same period — and must say: roll back, promote early, keep watching, or too little to say. The
 * seeds' rule "error rate > 2× baseline", applied to point estimates at every look, misfires both ways: 1 error in
 * 20 requests against 0 in 400 is an "infinite ×" at low traffic, and with 40 looks the chance that noise crosses
 * a fixed line at least once is far above any single look's.
 *
 * The hypotheses. With ρ = p_c / p_b and m the multiplier: read literally, H0 "ρ ≤ m" puts a canary that doubles
 * its errors on the null's boundary, so it would be caught with probability α — the seed's trigger would never
 * fire where it matters. The seed's m is the regression that must be caught, so it belongs in the alternative:
 *   fail  rejects H0 "ρ ≤ 1 or p_c ≤ floor" (no worse than baseline, or too rare to matter), at level α;
 *   pass  rejects H "ρ ≥ m and p_c ≥ floor" (regressed beyond tolerance), at level β;
 * and (1, m) is Wald's indifference zone, where either answer is acceptable. The floor (0.05 % by default) is an
 * absolute level: 0.01 % → 0.03 % is "3×" but 3 errors in 10,000 requests, never a rollback. "Worse than
 * baseline" and "above the floor" are each tested at α and both are required: an intersection-union test (Berger
 * 1982) is valid at α without splitting it.
 *
 * The test. Repeated looks call for a sequential test. Alpha-spending group-sequential designs (Lan and DeMets
 * 1983; Jennison and Turnbull 2000) need the maximum information planned in advance — unknown when traffic is —
 * and rest on normal approximations that fail with a handful of errors. We use instead test martingales, whose
 * chance of ever exceeding 1/α under the null is at most α (Ville 1939), however many looks, at whatever times,
 * and whether or not the watch stops at `pass`: the guarantee covers the whole rollout.
 *   - The baseline's rate is a nuisance. Conditioning on the total number of errors removes it: given
 *     S = x_c + x_b, the canary's share is Binomial(S, ρ·n_c / (ρ·n_c + n_b)) — the exact conditional test for
 *     two Poisson rates (Przyborowski and Wilenski 1940; the UMPU test in Lehmann and Romano, "Testing Statistical
 *     Hypotheses"), and the construction of Lindon and Malek (2022, "Anytime-valid inference for multinomial count
 *     data") and Lindon, Sanden and Shirikian (2022, "Rapid regression detection in software deployments through
 *     sequential testing", Netflix's canaries). Exact at small counts, it needs no minimum number of errors.
 *   - "Worse than baseline": Robbins' (1970) mixture SPRT, a weighted sum of Wald likelihood ratios for ρ on a
 *     grid from √m (the geometric middle of the indifference zone) to 64·√m, so that ×1.5 and a hard fault are
 *     both caught near the pace of an SPRT told the true ρ; the price is the log of a grid weight (0.9 nats at √m).
 *     With overwhelming data the line between fail and pass settles where the lowest alternative and "no change"
 *     fit equally well: ρ = (√m − 1) / log √m, 1.19 for m = 2.
 *   - "Above the floor": the same mixture on the canary's own Bernoulli likelihood against p = floor.
 *   - `pass`: Wald's SPRT statistic for ρ = 1 against ρ = m, averaged with the canary's likelihood ratio of
 *     p = floor/m against p = floor; each is a test supermartingale under "regressed beyond tolerance", so their
 *     average is one too, and reaching 1/β bounds the chance of promoting a ×m canary by β.
 * The anytime-valid p-value reported is 1 / evidence (Johari, Koomen, Pekelis and Walsh 2017, "Peeking at A/B
 * tests"), the larger of the two fail tests'. Tuning (grid, weights, defaults) and the figures behind it are in
 * bench/canary/RESULTS.md: ≤ 0.5 % false rollbacks where α allows 1 %, and a median detection within 1.35× of the
 * oracle SPRT's expected sample size wherever that SPRT has 99 % power within the rollout.
 *
 * What it assumes. Requests are independent, and the error rate and the canary's share of traffic do not both
 * drift during the comparison: with a fixed split, load swings and diurnal error rates hit both sides and cancel;
 * with staged weights and a steady error rate the cumulative share is still right. Errors that arrive in bursts
 * inflate the variance beyond the binomial's: `dispersion` d > 1 divides every log-likelihood ratio by d
 * (quasi-likelihood, Wedderburn 1974; `estimateDispersion` measures d from per-interval counts).
 */
import { formatFigure as f } from './format-figure';
import { levelEvidence } from './level-evidence';
import { logMeanExp } from './log-mean-exp';
import { DEFAULT_ERROR_RATE_SETTINGS, type ErrorRateSettings, type MetricJudgement } from './metric-judgement';
import { ratioEvidence } from './ratio-evidence';
import { requireNumber } from './require-number';

/** Cumulative requests and errors of one side since the comparison began. */
export interface RequestCounts {
  requests: number;
  errors: number;
}

/** What the error-rate judge reads at one look. */
export interface ErrorRateInput {
  canary: RequestCounts;
  baseline: RequestCounts;
  /** 1-based index of this interim analysis (for the record: the test is valid at any number of looks). */
  look: number;
  settings?: ErrorRateSettings;
}

/** The test's name in judgements. */
export const ERROR_RATE_TEST = 'msprt-conditional-binomial';

/**
 * Decides by: the minimum requests on each side; the mixture evidence that the canary's error rate is above the
 * baseline's and the mixture evidence that it is above the floor (fail when both reach 1/α); the evidence that it
 * is below both the multiplier × the baseline's and the floor's tolerance (pass at 1/β); otherwise continue.
 */
export function judgeErrorRate(input: ErrorRateInput): MetricJudgement {
  const settings = checkSettings(input.settings ?? DEFAULT_ERROR_RATE_SETTINGS);
  const canary = checkCounts(input.canary, 'canary');
  const baseline = checkCounts(input.baseline, 'baseline');
  const look = requireNumber(input.look, 'look', { min: 1, integer: true });
  const { multiplier: m, alpha, beta, absoluteFloor: floor, dispersion } = settings;

  const rate = (c: RequestCounts): number | null => (c.requests > 0 ? c.errors / c.requests : null);
  const canaryRate = rate(canary);
  const baselineRate = rate(baseline);
  const tolerance = baselineRate === null ? null : Math.max(m * baselineRate, floor);
  const common = {
    metric: 'error-rate',
    value: canaryRate === null ? null : canaryRate * 100,
    baseline: baselineRate === null ? null : baselineRate * 100,
    threshold: tolerance === null ? null : tolerance * 100,
    test: ERROR_RATE_TEST,
    samples: { canary: canary.requests, baseline: baseline.requests },
  };
  if (canary.requests < Math.max(settings.minimumRequests, 1) || baseline.requests < Math.max(settings.minimumRequests, 1)) {
    return {
      ...common,
      decision: 'insufficient-data',
      reason: `Only ${f.count(canary.requests)} canary and ${f.count(baseline.requests)} baseline requests at look ${look} (at least ${f.count(settings.minimumRequests)} each are needed): not judged.`,
    };
  }

  const ratio = ratioEvidence({
    canaryEvents: canary.errors,
    canaryTotal: canary.requests,
    baselineEvents: baseline.errors,
    baselineTotal: baseline.requests,
    lowestRatio: Math.sqrt(m),
    toleranceRatio: m,
    dispersion,
  });
  const level =
    floor > 0
      ? levelEvidence({ events: canary.errors, total: canary.requests, level: floor, lowestRatio: Math.sqrt(m), alternativeBelow: floor / m, dispersion })
      : { againstAtMost: Infinity, againstAtLeast: -Infinity };
  const worse = ratio.againstNoRegression;
  const aboveFloor = level.againstAtMost;
  const statistic = Math.min(worse, aboveFloor);
  const within = logMeanExp(ratio.againstTolerance, level.againstAtLeast);
  const failAt = Math.log(1 / alpha);
  const passAt = Math.log(1 / beta);

  const sides = `Canary error rate ${f.percent(canary.errors / canary.requests)} (${f.count(canary.errors)} of ${f.count(canary.requests)}) vs baseline ${f.percent(baseline.errors / baseline.requests)} (${f.count(baseline.errors)} of ${f.count(baseline.requests)}) at look ${look}`;
  const toleranceText = floor > 0 ? `${m}× baseline or the ${f.percent(floor)} floor, whichever is higher (${f.percent(tolerance ?? floor)})` : `${m}× baseline (${f.percent(tolerance ?? 0)})`;
  const judged = { ...common, statistic, pValue: Math.min(1, Math.exp(-statistic)) };
  if (worse >= failAt && aboveFloor >= failAt) {
    return {
      ...judged,
      decision: 'fail',
      reason: `${sides}: the evidence that the canary is worse than baseline (${f.odds(worse)}) and above the ${f.percent(floor)} floor (${f.odds(aboveFloor)}) both reach ${f.odds(failAt)} — a regression.`,
    };
  }
  if (within >= passAt) {
    return {
      ...judged,
      decision: 'pass',
      reason: `${sides}: the evidence that the canary stays below ${toleranceText} is ${f.odds(within)}, at least ${f.odds(passAt)} — within tolerance.`,
    };
  }
  const pending = worse >= failAt && floor > 0 ? `worse than baseline (${f.odds(worse)}) but not yet clearly above the ${f.percent(floor)} floor (${f.odds(aboveFloor)})` : `evidence of a regression ${f.odds(worse)}`;
  return {
    ...judged,
    decision: 'continue',
    reason: `${sides}: ${pending}, needs ${f.odds(failAt)}; evidence of staying below ${toleranceText} ${f.odds(within)}, needs ${f.odds(passAt)} — keep watching.`,
  };
}

function checkCounts(counts: RequestCounts, side: string): RequestCounts {
  const requests = requireNumber(counts.requests, `${side}.requests`, { min: 0 });
  const errors = requireNumber(counts.errors, `${side}.errors`, { min: 0 });
  if (errors > requests) throw new RangeError(`${side}.errors must not exceed ${side}.requests (got ${errors} errors in ${requests} requests)`);
  return { requests, errors };
}

function checkSettings(s: ErrorRateSettings): ErrorRateSettings {
  const open = { min: 0, max: 1, minExclusive: true, maxExclusive: true };
  return {
    multiplier: requireNumber(s.multiplier, 'settings.multiplier', { min: 1, minExclusive: true }),
    alpha: requireNumber(s.alpha, 'settings.alpha', open),
    beta: requireNumber(s.beta, 'settings.beta', open),
    absoluteFloor: requireNumber(s.absoluteFloor, 'settings.absoluteFloor', { min: 0, max: 1, maxExclusive: true }),
    minimumRequests: requireNumber(s.minimumRequests, 'settings.minimumRequests', { min: 0 }),
    dispersion: requireNumber(s.dispersion, 'settings.dispersion', { min: 1 }),
  };
}
