import type { HealthReason } from '../health-assessment';
import { seriesOf, within } from '../health-history';
import type { RuleContext } from './rule-context';

/**
 * Seed 003's failure counts: health-check failures (> 3 in 5 min), 3 consecutive failures within 60 s (seed 004),
 * and database connection errors (> 10 in 2 min). Decides by the `health-check` readings (1 passed, 0 failed) and
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
    if (run >= consecutive.count && spanSeconds <= consecutive.window) {
      reasons.push({
        code: 'consecutive-failures',
        severity: 'critical',
        metric: 'health-check',
        track: ctx.track,
        source,
        value: run,
        baseline: null,
        threshold: consecutive.count,
        sentence: `${run} consecutive health checks failed within ${spanSeconds} s (limit: ${consecutive.count} within ${consecutive.window} s).`,
      });
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
