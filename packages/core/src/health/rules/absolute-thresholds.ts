import type { HealthReason } from '../health-assessment';
import { disjointWindows, latestOf, seriesOf, type HealthCheck } from '../health-history';
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
 * value and, for an error rate computed from counts, the minimum sample: when the latest window has fewer than
 * `minimum-requests`, the newest non-overlapping windows are pooled until they have enough (a canary at 5 % of low
 * traffic sees a few requests per check), and only when even all of them have too few does the rule hold.
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
    const minimum = ctx.policy['minimum-requests'];
    reasons.push(judge(limit, latest.counts && latest.counts.requests < minimum ? pooled(ctx.history, latest, minimum) : latest, minimum));
  }
  return reasons;
}

/** The newest windows of a rate pooled until they hold `minimum` requests (or all of them, if they never do). */
function pooled(history: HealthCheck[], latest: ValueMeasurement, minimum: number): ValueMeasurement {
  const windows = disjointWindows(seriesOf(history, latest.metric, latest.track).filter((m) => m.counts && m.provider === latest.provider));
  let requests = 0;
  let errors = 0;
  let used = 0;
  for (let i = windows.length - 1; i >= 0 && requests < minimum; i--) {
    requests += windows[i]?.counts?.requests ?? 0;
    errors += windows[i]?.counts?.errors ?? 0;
    used += 1;
  }
  if (used <= 1 || requests === 0) return latest;
  const value = latest.metric === 'availability' ? (100 * (requests - errors)) / requests : (100 * errors) / requests;
  return { ...latest, value, counts: { requests, errors }, source: `${latest.source} (last ${used} checks pooled)` };
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
      sentence: `Only ${formatNumber(m.counts.requests)} requests in the window (minimum ${minimumRequests}): the ${limit.label} of ${shown} is not judged yet.`,
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
