import type { HealthReason } from '../health-assessment';
import { latestOf, secondsBetween, seriesOf, within } from '../health-history';
import { formatNumber, withUnit } from './format';
import type { RuleContext } from './rule-context';

/** The span over which memory growth is measured: long enough that one garbage collection does not look like a leak. */
const GROWTH_SPAN_SECONDS = 300;
/** Growth is not judged over less than this. */
const MIN_GROWTH_SPAN_SECONDS = 30;

/**
 * Seeds 000/003: memory above `memory-percent` (90 %) and memory growth above `memory-growth-percent-per-minute`
 * (20 %/min). Growth decides by the first and last memory readings (bytes, else percent) of the last five minutes,
 * spanning at least 30 s, as percent of the first reading per minute.
 */
export function checkMemory(ctx: RuleContext): HealthReason[] {
  const reasons: HealthReason[] = [];
  const limit = ctx.policy.triggers['memory-percent'];
  const latest = latestOf(ctx.history, 'memory-percent', ctx.track);
  if (latest?.kind === 'value') {
    const fired = latest.value > limit;
    reasons.push({
      code: 'memory-percent',
      severity: fired ? 'critical' : 'ok',
      metric: 'memory-percent',
      track: ctx.track,
      source: latest.source,
      value: latest.value,
      baseline: ctx.baseline?.metrics['memory-percent'] ?? null,
      threshold: limit,
      sentence: `Memory use is ${formatNumber(latest.value)} %, ${fired ? 'above' : 'within'} the limit of ${formatNumber(limit)} %.`,
    });
  }
  const recent = within(ctx.history, ctx.now, GROWTH_SPAN_SECONDS);
  const bytes = seriesOf(recent, 'memory-bytes', ctx.track);
  const series = bytes.length >= 2 ? bytes : seriesOf(recent, 'memory-percent', ctx.track);
  const first = series[0];
  const last = series.at(-1);
  if (first && last && first !== last && first.value > 0) {
    const minutes = secondsBetween(first.at, last.at) / 60;
    if (minutes * 60 >= MIN_GROWTH_SPAN_SECONDS) {
      const growth = ((last.value - first.value) / first.value) * 100 / minutes;
      const growthLimit = ctx.policy.triggers['memory-growth-percent-per-minute'];
      const fired = growth > growthLimit;
      reasons.push({
        code: 'memory-growth',
        severity: fired ? 'critical' : 'ok',
        metric: last.metric,
        track: ctx.track,
        source: last.source,
        value: growth,
        baseline: null,
        threshold: growthLimit,
        sentence: `Memory grew ${formatNumber(growth)} %/min over the last ${formatNumber(minutes)} min (${withUnit(first.value, first.unit)} → ${withUnit(last.value, last.unit)}), ${fired ? 'above' : 'within'} the ${formatNumber(growthLimit)} %/min leak limit.`,
      });
    }
  }
  return reasons;
}
