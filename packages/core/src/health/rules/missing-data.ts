import type { HealthReason } from '../health-assessment';
import { secondsBetween } from '../health-history';
import type { ErrorMeasurement, MetricName, NoDataMeasurement } from '../measurement';
import { formatNumber } from './format';
import type { RuleContext } from './rule-context';

/**
 * What to make of metrics that could not be measured in the latest check. Decides by the kind of gap — a provider
 * that could not be read always holds (it is never a regression: a dead Prometheus must not roll anything back);
 * a provider that answered with no data follows the metric's `on-no-data` (hold, pass or fail) — and by how long
 * the metric has gone without a value compared with its `max-hold`.
 */
export function checkMissingData(ctx: RuleContext): HealthReason[] {
  const last = ctx.history.at(-1);
  if (!last) return [];
  const gaps = last.measurements.filter((m): m is ErrorMeasurement | NoDataMeasurement => m.kind !== 'value' && m.track === ctx.track);
  return gaps.map((gap) => {
    const settings = ctx.policy.metrics[gap.metric] ?? {};
    const onNoData = settings['on-no-data'] ?? ctx.policy['on-no-data'];
    const maxHold = settings['max-hold'] ?? ctx.policy['max-hold'];
    const held = heldSeconds(ctx, gap.metric);
    const overdue = held > maxHold;
    const base = { metric: gap.metric, track: gap.track, source: gap.source, value: null, baseline: null, threshold: null };
    const heldText = `${overdue ? 'for' : 'so far'} ${formatNumber(held)} s${overdue ? `, longer than the ${formatNumber(maxHold)} s max-hold: the watch cannot conclude on it` : ''}`;
    if (gap.kind === 'error') {
      return {
        ...base,
        code: overdue ? 'provider-error-max-hold' : 'provider-error',
        severity: 'hold' as const,
        sentence: `${gap.provider} could not be read for ${gap.metric} after ${gap.attempts} attempt(s) (${gap.error}); holding ${heldText}. An unreadable source is never treated as a regression.`,
      };
    }
    if (onNoData === 'pass') return { ...base, code: 'no-data', severity: 'ok' as const, sentence: `No data for ${gap.metric} (${gap.reason}); on-no-data is pass, so it is ignored.` };
    if (onNoData === 'fail') return { ...base, code: 'no-data', severity: 'critical' as const, sentence: `No data for ${gap.metric} (${gap.reason}) and its on-no-data policy is fail.` };
    return { ...base, code: overdue ? 'no-data-max-hold' : 'insufficient-data', severity: 'hold' as const, sentence: `No data for ${gap.metric} (${gap.reason}); holding ${heldText}.` };
  });
}

/** Seconds since the metric last had a value on the judged track (or since the first check when it never had one). */
function heldSeconds(ctx: RuleContext, metric: MetricName): number {
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const check = ctx.history[i];
    if (check?.measurements.some((m) => m.kind === 'value' && m.metric === metric && m.track === ctx.track)) return secondsBetween(check.at, ctx.now);
  }
  return ctx.history[0] ? secondsBetween(ctx.history[0].at, ctx.now) : 0;
}
