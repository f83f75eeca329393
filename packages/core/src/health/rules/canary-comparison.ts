import { estimateDispersion } from '../../analysis/estimate-dispersion';
import { judgeErrorRate } from '../../analysis/judge-error-rate';
import { judgeLatency } from '../../analysis/judge-latency';
import { DEFAULT_ERROR_RATE_SETTINGS, DEFAULT_LATENCY_SETTINGS, type MetricJudgement } from '../../analysis/metric-judgement';
import type { HealthReason, ReasonSeverity } from '../health-assessment';
import { disjointWindows, seriesOf } from '../health-history';
import type { ValueMeasurement } from '../measurement';
import type { RuleContext } from './rule-context';

const SEVERITY: Record<MetricJudgement['decision'], ReasonSeverity> = { fail: 'critical', 'insufficient-data': 'hold', continue: 'ok', pass: 'ok' };

/**
 * During a canary: the canary track against the stable track read over the same checks, with the sequential tests
 * of `analysis/` (anytime-valid, so judging at every check does not inflate false rollbacks). Decides by the
 * cumulative request and error counts of both tracks (error rate ≥ `error-rate-multiplier` × stable) and their
 * summed latency histograms (p95 ≥ `canary-p95-multiplier` × stable). Too few requests is `insufficient-data`, a
 * hold — never a failure.
 */
export function checkCanaryAgainstStable(ctx: RuleContext): HealthReason[] {
  if (ctx.mode !== 'canary') return [];
  const reasons: HealthReason[] = [];
  const look = ctx.history.length;
  const canaryRates = disjointWindows(seriesOf(ctx.history, 'error-rate', 'canary').filter((m) => m.counts));
  const stableRates = disjointWindows(seriesOf(ctx.history, 'error-rate', 'stable').filter((m) => m.counts));
  if (canaryRates.length > 0 && stableRates.length > 0) {
    const source = canaryRates.at(-1)?.source ?? '';
    reasons.push(
      judgeSafely('error-rate', source, () =>
        toReason(
          judgeErrorRate({
            canary: sumCounts(canaryRates),
            baseline: sumCounts(stableRates),
            look,
            settings: { ...DEFAULT_ERROR_RATE_SETTINGS, multiplier: ctx.policy.triggers['error-rate-multiplier'], dispersion: dispersionOf(ctx) },
          }),
          'canary-error-rate',
          'error-rate',
          source,
        ),
      ),
    );
  }
  const canaryLatency = disjointWindows(seriesOf(ctx.history, 'latency-p95', 'canary').filter((m) => m.histogram));
  const stableLatency = disjointWindows(seriesOf(ctx.history, 'latency-p95', 'stable').filter((m) => m.histogram));
  const canaryHistogram = sumHistograms(canaryLatency);
  const stableHistogram = sumHistograms(stableLatency);
  if (canaryHistogram && stableHistogram) {
    const source = canaryLatency.at(-1)?.source ?? '';
    reasons.push(
      judgeSafely('latency-p95', source, () =>
        toReason(
          judgeLatency({ canary: canaryHistogram, baseline: stableHistogram, look, settings: { ...DEFAULT_LATENCY_SETTINGS, multiplier: ctx.policy.triggers['canary-p95-multiplier'] } }),
          'canary-p95',
          'latency-p95',
          source,
        ),
      ),
    );
  }
  return reasons;
}

/**
 * The judges reject impossible numbers (more errors than requests, a histogram that decreases): readings like that
 * come from a source in trouble (counter resets, extrapolated increase()), so they hold instead of deciding.
 */
function judgeSafely(metric: 'error-rate' | 'latency-p95', source: string, judge: () => HealthReason): HealthReason {
  try {
    return judge();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { code: 'inconsistent-data', severity: 'hold', metric, track: 'canary', source, value: null, baseline: null, threshold: null, sentence: `The ${metric} readings are inconsistent (${error.message}); holding until the source reports consistent counts.` };
  }
}

function toReason(judgement: MetricJudgement, code: string, metric: 'error-rate' | 'latency-p95', source: string): HealthReason {
  return {
    code: judgement.decision === 'insufficient-data' ? 'insufficient-data' : code,
    severity: SEVERITY[judgement.decision],
    metric,
    track: 'canary',
    source,
    value: judgement.value,
    baseline: judgement.baseline,
    threshold: judgement.threshold,
    test: { name: judgement.test, ...(judgement.statistic !== undefined ? { statistic: judgement.statistic } : {}), ...(judgement.pValue !== undefined ? { pValue: judgement.pValue } : {}) },
    sentence: judgement.reason,
  };
}

/**
 * How bursty errors are (variance over a binomial's), from the per-check counts of both tracks: errors in bursts
 * would otherwise look like evidence (the bench: 5.5 % false rollbacks on bursty A/A at dispersion 1, under 3 % so).
 */
function dispersionOf(ctx: RuleContext): number {
  const intervals = ctx.history.flatMap((check) => {
    const canary = check.measurements.find((m) => m.kind === 'value' && m.metric === 'error-rate' && m.track === 'canary');
    const stable = check.measurements.find((m) => m.kind === 'value' && m.metric === 'error-rate' && m.track === 'stable');
    return canary?.kind === 'value' && canary.counts && stable?.kind === 'value' && stable.counts ? [{ canary: canary.counts, baseline: stable.counts }] : [];
  });
  return intervals.length >= 2 ? Math.max(1, estimateDispersion(intervals).dispersion) : 1;
}

/** Each check's counts cover the interval since the previous one; the tests want the totals so far. */
function sumCounts(series: ValueMeasurement[]): { requests: number; errors: number } {
  return series.reduce((sum, m) => ({ requests: sum.requests + (m.counts?.requests ?? 0), errors: sum.errors + (m.counts?.errors ?? 0) }), { requests: 0, errors: 0 });
}

/** Sums per-interval histograms bucket by bucket; histograms with other bucket bounds than the first are left out. */
function sumHistograms(series: ValueMeasurement[]): { le: number; count: number }[] | undefined {
  const first = series[0]?.histogram;
  if (!first) return undefined;
  const bounds = first.map((b) => b.le);
  const totals = bounds.map(() => 0);
  for (const m of series) {
    const histogram = m.histogram ?? [];
    if (histogram.length !== bounds.length || histogram.some((b, i) => b.le !== bounds[i])) continue;
    histogram.forEach((b, i) => (totals[i] = (totals[i] ?? 0) + b.count));
  }
  return bounds.map((le, i) => ({ le, count: totals[i] ?? 0 }));
}
