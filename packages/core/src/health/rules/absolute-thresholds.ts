import type { HealthReason } from '../health-assessment';
import { latestOf } from '../health-history';
import type { MetricName, ValueMeasurement } from '../measurement';
import { formatNumber } from './format';
import type { RuleContext } from './rule-context';

interface Limit {
  metric: MetricName;
  direction: 'above' | 'below';
  critical: number;
  warning: number;
  label: string;
  unit: string;
}

/**
 * Seed 004's absolute thresholds on the judged track's latest values: error rate (5 % critical, 3 % warning),
 * availability (below 99 % critical, 99.5 % warning), response time as p95 (2000 ms, 1500 ms). Decides by the
 * value and, for an error rate computed from counts, the minimum sample: below `minimum-requests` the rule holds
 * instead of judging a handful of requests.
 */
export function checkAbsoluteThresholds(ctx: RuleContext): HealthReason[] {
  const { critical, warning } = ctx.policy;
  const limits: Limit[] = [
    { metric: 'error-rate', direction: 'above', critical: critical['error-rate-percent'], warning: warning['error-rate-percent'], label: 'error rate', unit: ' %' },
    { metric: 'availability', direction: 'below', critical: critical['availability-percent'], warning: warning['availability-percent'], label: 'availability', unit: ' %' },
    { metric: 'latency-p95', direction: 'above', critical: critical['response-time-ms'], warning: warning['response-time-ms'], label: 'p95 response time', unit: ' ms' },
  ];
  const reasons: HealthReason[] = [];
  for (const limit of limits) {
    const latest = latestOf(ctx.history, limit.metric, ctx.track);
    if (latest?.kind !== 'value') continue;
    reasons.push(judge(limit, latest, ctx.policy['minimum-requests']));
  }
  return reasons;
}

function judge(limit: Limit, m: ValueMeasurement, minimumRequests: number): HealthReason {
  const base = { metric: limit.metric, track: m.track, source: m.source, value: m.value, baseline: null };
  const shown = `${formatNumber(m.value)}${limit.unit}`;
  if (m.counts && m.counts.requests < minimumRequests) {
    return {
      ...base,
      code: 'insufficient-data',
      severity: 'hold',
      threshold: limit.critical,
      sentence: `Only ${m.counts.requests} requests in the window (minimum ${minimumRequests}): the ${limit.label} of ${shown} is not judged yet.`,
    };
  }
  const beyond = (threshold: number) => (limit.direction === 'above' ? m.value > threshold : m.value < threshold);
  const word = limit.direction === 'above' ? 'above' : 'below';
  const code = `absolute-${limit.metric}`;
  if (beyond(limit.critical)) {
    return { ...base, code, severity: 'critical', threshold: limit.critical, sentence: `The ${limit.label} is ${shown}, ${word} the critical limit of ${formatNumber(limit.critical)}${limit.unit}.` };
  }
  if (beyond(limit.warning)) {
    return { ...base, code, severity: 'warning', threshold: limit.warning, sentence: `The ${limit.label} is ${shown}, ${word} the warning level of ${formatNumber(limit.warning)}${limit.unit}.` };
  }
  return { ...base, code, severity: 'ok', threshold: limit.warning, sentence: `The ${limit.label} is ${shown}, within the warning level of ${formatNumber(limit.warning)}${limit.unit}.` };
}
