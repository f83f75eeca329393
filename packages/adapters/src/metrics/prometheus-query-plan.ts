import type { MetricName, MetricUnit } from '@safe-deploy/core';
import { unitOf } from '@safe-deploy/core';
import type { SeriesNames } from './series-options';

/** How one metric is read from Prometheus (templates still hold `{{labels}}`, `{{window}}`, …). */
export type QueryPlan =
  | {
      kind: 'single';
      metric: MetricName;
      query: string;
      /** Multiplies the result into the metric's unit (1000 for seconds → ms). */
      scale: number;
      unit: MetricUnit;
      /** Whether the value covers the window (rates, quantiles) or is a point in time (gauges). */
      windowed: boolean;
      /** The cumulative buckets to attach to a latency quantile, with the factor turning `le` into ms. */
      histogram?: { query: string; scale: number };
      /** Left out, not reported as no-data, when nothing matches (a default that needs an optional series). */
      optional: boolean;
    }
  | { kind: 'counts'; metric: 'error-rate' | 'availability'; requests: string; errors: string; optional: false }
  | { kind: 'growth'; metric: MetricName; query: string; optional: boolean };

/** A user's query for one metric: PromQL (optionally scaled, or with a unit for custom metrics), or request/error counts. */
export type QueryOverride = string | { query: string; scale?: number; unit?: MetricUnit } | { requests: string; errors: string };

/** The metrics read when the policy lists none; memory-percent and db-connection-errors only if their series exist. */
export const PROMETHEUS_DEFAULT_METRICS: readonly MetricName[] = [
  'request-rate',
  'error-rate',
  'availability',
  'latency-p50',
  'latency-p95',
  'latency-p99',
  'memory-bytes',
  'memory-percent',
  'cpu-percent',
  'db-connection-errors',
];

/** Memory growth over the window, from a range query of memory-bytes: percent of the starting value per minute. */
export const MEMORY_GROWTH_METRIC = 'custom:memory-growth-percent-per-minute';

/** Default metrics whose series many apps do not have: left out, not no-data, when nothing matches. */
export const OPTIONAL_DEFAULT_METRICS: ReadonlySet<MetricName> = new Set<MetricName>(['memory-percent', 'db-connection-errors']);
const QUANTILES: Partial<Record<MetricName, string>> = { 'latency-p50': '0.5', 'latency-p95': '0.95', 'latency-p99': '0.99' };

/** The built-in PromQL templates for the app's series: counts for error rates, buckets for latency. */
export function defaultQueries(names: SeriesNames, codeLabel: string, errorCodes: string): Record<string, string> {
  const s = '{{{labels}}}';
  const w = '[{{window}}]';
  const bucket = `${names.duration}_bucket`;
  return {
    'request-rate': `sum(rate(${names.requests}${s}${w}))`,
    requests: `sum(increase(${names.requests}${s}${w}))`,
    errors: `sum(increase(${names.requests}{${codeLabel}=~"${errorCodes.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}",{{labels}}}${w}))`,
    'latency-histogram': `sum by (le) (increase(${bucket}${s}${w}))`,
    ...Object.fromEntries(Object.entries(QUANTILES).map(([metric, q]) => [metric, `histogram_quantile(${q}, sum by (le) (rate(${bucket}${s}${w})))`])),
    'memory-bytes': `sum(${names.memory}${s})`,
    'memory-percent': `100 * sum(${names.memory}${s}) / sum(${names['memory-limit']}${s})`,
    'cpu-percent': `100 * sum(rate(${names.cpu}${s}${w}))`,
    'db-connection-errors': `sum(increase(${names['db-errors']}${s}${w}))`,
  };
}

const WINDOWED = new Set<MetricName>(['request-rate', 'latency-p50', 'latency-p95', 'latency-p99', 'cpu-percent', 'db-connection-errors', 'error-rate', 'availability']);

/**
 * Plans the queries for each metric. Decides by the metric (built-in template or none), the user's override
 * (PromQL with a scale or unit, or request/error counts), and whether the policy listed the metrics (then nothing
 * is optional). Returns the problem for a metric that cannot be read, keyed by metric, instead of throwing.
 */
export function planQueries(input: {
  metrics: readonly MetricName[];
  explicit: boolean;
  overrides: Readonly<Record<string, QueryOverride>>;
  names: SeriesNames;
  codeLabel: string;
  errorCodes: string;
}): { plans: QueryPlan[]; problems: { metric: string; problem: string }[] } {
  const defaults = defaultQueries(input.names, input.codeLabel, input.errorCodes);
  const durationScale = input.names['duration-unit'] === 's' ? 1000 : 1;
  const histogramOverride = input.overrides['latency-histogram'];
  const histogram = { query: typeof histogramOverride === 'string' ? histogramOverride : (defaults['latency-histogram'] as string), scale: durationScale };
  const plans: QueryPlan[] = [];
  const problems: { metric: string; problem: string }[] = [];
  for (const metric of input.metrics) {
    const override = input.overrides[metric];
    const optional = !input.explicit && override === undefined && OPTIONAL_DEFAULT_METRICS.has(metric);
    const canonicalUnit = unitOf(metric);
    const isLatency = metric in QUANTILES;
    if (metric === MEMORY_GROWTH_METRIC && override === undefined) {
      plans.push({ kind: 'growth', metric, query: defaults['memory-bytes'] as string, optional: false });
      continue;
    }
    if (override !== undefined && typeof override === 'object' && 'requests' in override) {
      if (metric !== 'error-rate' && metric !== 'availability') {
        problems.push({ metric, problem: 'requests/errors queries only make an error-rate or availability' });
        continue;
      }
      plans.push({ kind: 'counts', metric, requests: override.requests, errors: override.errors, optional: false });
      continue;
    }
    if (override === undefined && (metric === 'error-rate' || metric === 'availability')) {
      plans.push({ kind: 'counts', metric, requests: defaults.requests as string, errors: defaults.errors as string, optional: false });
      continue;
    }
    const query = typeof override === 'string' ? override : (override?.query ?? defaults[metric]);
    if (query === undefined) {
      problems.push({ metric, problem: 'has no built-in query; give one under queries' });
      continue;
    }
    const unit = (typeof override === 'object' ? override.unit : undefined) ?? canonicalUnit ?? 'count';
    if (canonicalUnit && unit !== canonicalUnit) {
      problems.push({ metric, problem: `is measured in ${canonicalUnit}, not ${unit}` });
      continue;
    }
    // User queries for latency return seconds, as Prometheus does; the built-in ones follow `duration-unit`.
    const scale = (typeof override === 'object' ? override.scale : undefined) ?? (isLatency ? (override === undefined ? durationScale : 1000) : 1);
    plans.push({
      kind: 'single',
      metric,
      query,
      scale,
      unit,
      windowed: WINDOWED.has(metric) || query.includes('{{window}}'),
      ...(isLatency ? { histogram } : {}),
      optional,
    });
  }
  return { plans, problems };
}
