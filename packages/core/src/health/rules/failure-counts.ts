import type { HealthReason } from '../health-assessment';
import { seriesOf, within } from '../health-history';
import { formatNumber } from './format';
import type { RuleContext } from './rule-context';

/**
 * Seed 003's failure counts: health-check failures (> 3 in 5 min), 3 consecutive failures within 60 s (seed 004),
 * and database connection errors (> 10 in 2 min). Decides by the `health-check` readings (1 passed, 0 failed), the
 * http provider's own count of probes failed in a row (`custom:consecutive-failures`, which includes probes that got
 * no answer: a health endpoint that stops answering is a failing service, unlike an unreadable metrics source), and
 * the `db-connection-errors` counts (each covering the interval since the previous check) inside each window.
 */
export function checkFailureCounts(ctx: RuleContext): HealthReason[] {
  const reasons: HealthReason[] = [];
  const triggers = ctx.policy.triggers;
  const checks = seriesOf(ctx.history, 'health-check', ctx.track);
  const source = checks.at(-1)?.source ?? '';
  if (checks.length > 0) {
    const windowed = seriesOf(within(ctx.history, ctx.now, triggers['health-check-failures'].window), 'health-check', ctx.track);
    const failures = windowed.filter((m) => m.value === 0).length;
    const limit = triggers['health-check-failures'].count;
    const minutes = triggers['health-check-failures'].window / 60;
    reasons.push({
      code: 'health-check-failures',
      severity: failures > limit ? 'critical' : 'ok',
      metric: 'health-check',
      track: ctx.track,
      source,
      value: failures,
      baseline: null,
      threshold: limit,
      sentence: `${failures} of ${windowed.length} health checks failed in the last ${minutes} min (more than ${limit} triggers a rollback).`,
    });
    const consecutive = triggers['consecutive-failures'];
    let run = 0;
    for (let i = checks.length - 1; i >= 0 && checks[i]?.value === 0; i--) run++;
    const streak = checks.slice(checks.length - run);
    const spanSeconds = run > 1 ? (Date.parse(streak.at(-1)?.at ?? '') - Date.parse(streak[0]?.at ?? '')) / 1000 : 0;
    if (run >= consecutive.count && spanSeconds <= consecutive.window) reasons.push(consecutiveReason(ctx, run, spanSeconds, source));
  }
  // The http provider also counts probes that got no answer at all (the service is down, not the metrics source):
  // its `custom:consecutive-failures` counts those in a row, timed here by the checks that saw them.
  const counted = seriesOf(ctx.history, 'custom:consecutive-failures', ctx.track);
  const latestCount = counted.at(-1);
  if (latestCount && latestCount.value >= triggers['consecutive-failures'].count && !reasons.some((r) => r.code === 'consecutive-failures')) {
    const run = Math.min(latestCount.value, ctx.history.length);
    const first = ctx.history[ctx.history.length - run];
    const spanSeconds = first ? (Date.parse(latestCount.at) - Date.parse(first.at)) / 1000 : 0;
    if (run >= triggers['consecutive-failures'].count && spanSeconds <= triggers['consecutive-failures'].window) {
      reasons.push(consecutiveReason(ctx, latestCount.value, spanSeconds, latestCount.source));
    }
  }
  const db = triggers['db-connection-errors'];
  const dbSeries = seriesOf(within(ctx.history, ctx.now, db.window), 'db-connection-errors', ctx.track);
  if (dbSeries.length > 0) {
    const total = dbSeries.reduce((sum, m) => sum + m.value, 0);
    reasons.push({
      code: 'db-connection-errors',
      severity: total > db.count ? 'critical' : 'ok',
      metric: 'db-connection-errors',
      track: ctx.track,
      source: dbSeries.at(-1)?.source ?? '',
      value: total,
      baseline: null,
      threshold: db.count,
      sentence: `${total} database connection errors in the last ${db.window / 60} min (more than ${db.count} triggers a rollback).`,
    });
  }
  return reasons;
}

function consecutiveReason(ctx: RuleContext, run: number, spanSeconds: number, source: string): HealthReason {
  const limit = ctx.policy.triggers['consecutive-failures'];
  return {
    code: 'consecutive-failures',
    severity: 'critical',
    metric: 'health-check',
    track: ctx.track,
    source,
    value: run,
    baseline: null,
    threshold: limit.count,
    sentence: `${run} consecutive health checks failed within ${formatNumber(spanSeconds)} s (limit: ${limit.count} within ${limit.window} s).`,
  };
}
