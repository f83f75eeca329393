import type { HealthReason } from '../health-assessment';
import { latestOf } from '../health-history';
import type { MetricName } from '../measurement';
import { formatNumber } from './format';
import type { RuleContext } from './rule-context';

/**
 * Seed 003's relative triggers after a release, against the stored baseline: error rate above
 * `error-rate-multiplier` × baseline (2×) and p95 above `p95-multiplier` × baseline (1.5×). Decides by the latest
 * values, the baseline's, and the minimum sample (an error rate from counts below `minimum-requests` holds). A
 * baseline of zero errors is compared as a rate floor of one error in the baseline's requests, so one error after
 * a clean baseline is not "infinitely worse".
 */
export function checkAgainstBaseline(ctx: RuleContext): HealthReason[] {
  const baseline = ctx.baseline;
  if (!baseline || ctx.mode !== 'release') return [];
  const reasons: HealthReason[] = [];
  const rules: { metric: MetricName; key: 'error-rate' | 'latency-p95'; multiplier: number; label: string; unit: string; code: string }[] = [
    { metric: 'error-rate', key: 'error-rate', multiplier: ctx.policy.triggers['error-rate-multiplier'], label: 'error rate', unit: ' %', code: 'error-rate-vs-baseline' },
    { metric: 'latency-p95', key: 'latency-p95', multiplier: ctx.policy.triggers['p95-multiplier'], label: 'p95 latency', unit: ' ms', code: 'p95-vs-baseline' },
  ];
  for (const rule of rules) {
    const latest = latestOf(ctx.history, rule.metric, ctx.track);
    const reference = baseline.metrics[rule.key];
    if (latest?.kind !== 'value' || reference === undefined) continue;
    const base = { code: rule.code, metric: rule.metric, track: ctx.track, source: latest.source, value: latest.value, baseline: reference };
    if (latest.counts && latest.counts.requests < ctx.policy['minimum-requests']) {
      reasons.push({ ...base, severity: 'hold', threshold: null, sentence: `Only ${latest.counts.requests} requests in the window (minimum ${ctx.policy['minimum-requests']}): the ${rule.label} is not compared with the baseline yet.` });
      continue;
    }
    const floor = rule.key === 'error-rate' && baseline.counts && baseline.counts.requests > 0 ? (100 / baseline.counts.requests) : 0;
    const threshold = Math.max(reference, floor) * rule.multiplier;
    const fired = latest.value > threshold;
    reasons.push({
      ...base,
      severity: fired ? 'critical' : 'ok',
      threshold,
      sentence: `The ${rule.label} is ${formatNumber(latest.value)}${rule.unit} against a baseline of ${formatNumber(reference)}${rule.unit}: ${fired ? 'above' : 'within'} ${formatNumber(rule.multiplier)}× baseline (${formatNumber(threshold)}${rule.unit}).`,
    });
  }
  return reasons;
}
