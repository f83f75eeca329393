import { z } from 'zod';
import { ConfigurationError, durationSchema, type Measurement, type MetricName, type MetricsProvider, type MetricsQuery } from '@safe-deploy/core';
import { checkMetricValue } from './check-metric-value';
import { headersSchema, readOptions, READ_OPTION_FIXES, templateSchema } from './common-options';
import { metricNameSchema } from './metric-name-schema';
import { resolveDeps, type MetricsProviderDeps, type ResolvedDeps } from './metrics-provider-deps';
import { parseProviderOptions } from './parse-provider-options';
import { PrometheusHttpApi, type InstantSample, type RangeSeries } from './prometheus-http-api';
import { PROMETHEUS_DEFAULT_METRICS, planQueries, type QueryPlan } from './prometheus-query-plan';
import { formatPrometheusDuration } from './format-prometheus-duration';
import { stampReadings, type Reading } from './reading';
import { renderTemplate, type TemplateVariable } from './render-template';
import { errorCodesSchema, labelNamesSchema, SERIES_OPTION_FIXES, seriesNamesSchema, trackLabelValue, trackValuesSchema } from './series-options';
import type { Retried } from './with-retries';

const overrideSchema = z.union([
  templateSchema(),
  z.strictObject({ query: templateSchema(), scale: z.number().positive().optional(), unit: z.enum(['percent', 'ms', 'per-second', 'count', 'bytes', 'boolean']).optional() }),
  z.strictObject({ requests: templateSchema(), errors: templateSchema() }),
]);

/** Options of `kind: prometheus` (Prometheus' HTTP API with PromQL templates). */
export const prometheusOptionsSchema = z.strictObject({
  kind: z.literal('prometheus'),
  name: z.string().min(1).optional(),
  /** The server's base URL, e.g. `http://prometheus:9090` (or a path prefix behind a proxy). */
  url: z.url({ protocol: /^https?$/ }),
  headers: headersSchema,
  /** The window of rates and quantiles; the watch's interval when left out. */
  window: durationSchema.refine((seconds) => seconds >= 1, 'must be at least 1s').optional(),
  labels: labelNamesSchema,
  'track-values': trackValuesSchema,
  /** More label matchers for every built-in query, e.g. `job="shop",namespace="{{environment}}"`. */
  matchers: templateSchema(['environment', 'track', 'version']).refine((text) => !/[{}]/.test(text.replace(/\{\{\s*\w+\s*\}\}/g, '')), 'write the matchers without braces, e.g. job="shop"').optional(),
  names: seriesNamesSchema,
  'error-codes': errorCodesSchema,
  /** Which metrics to read (the built-in set when left out; then memory-percent and db errors only if their series exist). */
  metrics: z.array(metricNameSchema).min(1).optional(),
  /** PromQL per metric, replacing the built-in query; `latency-histogram` replaces the bucket query. */
  queries: z
    .record(z.string(), overrideSchema)
    .superRefine((queries, ctx) => {
      for (const key of Object.keys(queries)) {
        if (key !== 'latency-histogram' && !metricNameSchema.safeParse(key).success) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is not a metric (expected a canonical metric, custom:<name> or latency-histogram)` });
      }
    })
    .default({}),
  ...readOptions,
});

/** The prometheus provider's options after defaults. */
export type PrometheusOptions = z.output<typeof prometheusOptionsSchema>;

const FIXES = {
  ...READ_OPTION_FIXES,
  ...SERIES_OPTION_FIXES,
  url: "Set `url` to the Prometheus server's base URL, e.g. `url: http://prometheus:9090`.",
  window: 'Use a duration such as 30s or 5m.',
  matchers: 'Write label matchers without braces, e.g. `matchers: job="shop"`.',
  metrics: 'List canonical metrics (error-rate, latency-p95, …) or custom:<name> ones with a query under `queries`.',
  queries: 'Give PromQL per metric using {{labels}}, {{window}}, {{environment}}, {{track}}, {{version}}, e.g. `queries: { latency-p95: "histogram_quantile(0.95, sum by (le) (rate(my_bucket{{{labels}}}[{{window}}])))" }`.',
};

/** PromQL string literals escape backslashes, quotes and newlines. */
const promqlString = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

/**
 * `kind: prometheus`: reads the app's metrics from Prometheus' HTTP API with PromQL templates. Error rates come
 * with the request and error counts behind them; latency quantiles with the histogram buckets (in ms); memory as
 * bytes, as percent of a limit series when there is one, and — on request — its growth over the window from a
 * range query. Queries that fail after retries become `error` readings; empty or NaN results `no-data`.
 */
export class PrometheusProvider implements MetricsProvider {
  readonly kind = 'prometheus';
  readonly name: string;
  private readonly api: PrometheusHttpApi;

  constructor(
    private readonly options: PrometheusOptions,
    private readonly plans: readonly QueryPlan[],
    private readonly deps: ResolvedDeps,
  ) {
    this.name = options.name ?? 'prometheus';
    this.api = new PrometheusHttpApi({
      baseUrl: options.url,
      fetch: deps.fetch,
      timeoutSeconds: options.timeout,
      headers: options.headers,
      retry: { retries: options.retries, delaySeconds: options['retry-delay'], sleep: (s) => deps.clock.sleep(s) },
    });
  }

  /** Validates a `health.providers[i]` entry of kind prometheus (`where` is its policy path) and builds the provider. */
  static fromConfig(config: unknown, where: string, deps?: MetricsProviderDeps): PrometheusProvider {
    const options = parseProviderOptions(prometheusOptionsSchema, config, where, FIXES);
    const extra = Object.keys(options.queries).filter((key): key is MetricName => key !== 'latency-histogram');
    const metrics = [...new Set([...(options.metrics ?? PROMETHEUS_DEFAULT_METRICS), ...extra])];
    const { plans, problems } = planQueries({
      metrics,
      explicit: options.metrics !== undefined,
      overrides: options.queries,
      names: options.names,
      codeLabel: options.labels.code,
      errorCodes: options['error-codes'],
    });
    const [first] = problems;
    if (first) {
      const index = options.metrics?.indexOf(first.metric as MetricName) ?? -1;
      const at = options.queries[first.metric] !== undefined ? `${where}.queries.${first.metric}` : index >= 0 ? `${where}.metrics[${index}]` : `${where}.metrics`;
      throw new ConfigurationError(at, `${first.metric} ${first.problem}.`, FIXES.queries);
    }
    return new PrometheusProvider(options, plans, resolveDeps(deps));
  }

  async measure(query: MetricsQuery): Promise<Measurement[]> {
    const at = this.deps.clock.now();
    const windowSeconds = Math.max(1, Math.round(this.options.window ?? query.windowSeconds));
    const variables = this.variables(query, windowSeconds);
    const render = (template: string) => renderTemplate(template, variables, (value, name) => (name === 'window' || name === 'labels' ? value : promqlString(value)));

    const instant = new Map<string, Promise<Retried<InstantSample[]>>>();
    const run = (template: string) => {
      const rendered = render(template);
      if (!rendered.ok) return { text: template, outcome: Promise.resolve(missingVariables(rendered.missing, query)) };
      if (!instant.has(rendered.text)) instant.set(rendered.text, this.api.query(rendered.text));
      return { text: rendered.text, outcome: instant.get(rendered.text) as Promise<Retried<InstantSample[]>> };
    };
    const readings = await Promise.all(
      this.plans.map(async (plan): Promise<Reading | undefined> => {
        if (plan.kind === 'single') {
          const main = run(plan.query);
          const histogram = plan.histogram ? run(plan.histogram.query) : undefined;
          return readSingle(plan, main.text, await main.outcome, histogram && plan.histogram ? { scale: plan.histogram.scale, outcome: await histogram.outcome } : undefined, windowSeconds);
        }
        if (plan.kind === 'counts') {
          const requests = run(plan.requests);
          const errors = run(plan.errors);
          return readCounts(plan.metric, requests.text, errors.text, await requests.outcome, await errors.outcome, windowSeconds, variables.window as string);
        }
        const rendered = render(plan.query);
        if (!rendered.ok) return { kind: 'error', metric: plan.metric, source: plan.query, ...missingVariables(rendered.missing, query) };
        const end = Math.floor(at.getTime() / 1000);
        const step = Math.max(1, Math.round(windowSeconds / 30));
        const source = `${rendered.text} over [${formatPrometheusDuration(windowSeconds)}] every ${step}s`;
        return readGrowth(plan.metric, source, await this.api.queryRange(rendered.text, end - windowSeconds, end, step), windowSeconds);
      }),
    );
    return stampReadings(
      readings.filter((reading): reading is Reading => reading !== undefined),
      { provider: this.name, track: query.track, at: at.toISOString() },
    );
  }

  private variables(query: MetricsQuery, windowSeconds: number): Partial<Record<TemplateVariable, string>> {
    const { labels } = this.options;
    const trackValue = trackLabelValue(query.track, this.options['track-values']);
    const base = { environment: query.environment, track: query.track, version: query.version };
    const extra = this.options.matchers ? renderTemplate(this.options.matchers, base, promqlString) : undefined;
    const matchers = [
      trackValue !== undefined ? `${labels.track}="${promqlString(trackValue)}"` : undefined,
      labels.environment ? `${labels.environment}="${promqlString(query.environment)}"` : undefined,
      labels.version && query.version ? `${labels.version}="${promqlString(query.version)}"` : undefined,
      extra?.ok ? extra.text : undefined,
    ].filter((matcher): matcher is string => matcher !== undefined);
    return {
      ...base,
      window: formatPrometheusDuration(windowSeconds),
      // A matcher that needs an unknown version leaves {{labels}} unset, so the queries report why instead of widening.
      labels: extra && !extra.ok ? undefined : matchers.join(','),
    };
  }
}

function missingVariables(missing: TemplateVariable[], query: MetricsQuery): { ok: false; error: string; attempts: number } {
  const what = missing.map((name) => (name === 'labels' ? 'the matchers (they use {{version}})' : `{{${name}}}`)).join(', ');
  return { ok: false, error: `the query needs ${what}, unknown for the ${query.track} track`, attempts: 0 };
}

function onlySeries(samples: InstantSample[]): { value: number } | { problem: string } | undefined {
  if (samples.length === 0) return undefined;
  if (samples.length > 1) return { problem: `the query returned ${samples.length} series; a metric needs one (aggregate it, e.g. with sum())` };
  return { value: (samples[0] as InstantSample).value };
}

function readSingle(
  plan: Extract<QueryPlan, { kind: 'single' }>,
  source: string,
  outcome: Retried<InstantSample[]>,
  histogram: { scale: number; outcome: Retried<InstantSample[]> } | undefined,
  windowSeconds: number,
): Reading | undefined {
  const metric = plan.metric;
  if (!outcome.ok) return { kind: 'error', metric, source, error: outcome.error, attempts: outcome.attempts };
  const one = onlySeries(outcome.value);
  if (one === undefined) return plan.optional ? undefined : { kind: 'no-data', metric, source, reason: 'no series match the query' };
  if ('problem' in one) return { kind: 'error', metric, source, error: one.problem, attempts: outcome.attempts };
  if (Number.isNaN(one.value)) return { kind: 'no-data', metric, source, reason: `the result is NaN: nothing was observed in the last ${formatPrometheusDuration(windowSeconds)}` };
  const value = one.value * plan.scale;
  const problem = checkMetricValue(metric, value);
  if (problem) return { kind: 'error', metric, source, error: problem, attempts: outcome.attempts };
  const buckets = histogram?.outcome.ok ? toHistogram(histogram.outcome.value, histogram.scale) : undefined;
  return {
    kind: 'value',
    metric,
    source,
    value,
    unit: plan.unit,
    ...(plan.windowed ? { windowSeconds } : {}),
    ...(buckets ? { histogram: buckets } : {}),
  };
}

function readCounts(
  metric: 'error-rate' | 'availability',
  requestsQuery: string,
  errorsQuery: string,
  requestsOutcome: Retried<InstantSample[]>,
  errorsOutcome: Retried<InstantSample[]>,
  windowSeconds: number,
  window: string,
): Reading {
  const source = `errors: ${errorsQuery} / requests: ${requestsQuery}`;
  if (!requestsOutcome.ok) return { kind: 'error', metric, source, error: requestsOutcome.error, attempts: requestsOutcome.attempts };
  if (!errorsOutcome.ok) return { kind: 'error', metric, source, error: errorsOutcome.error, attempts: errorsOutcome.attempts };
  const requests = onlySeries(requestsOutcome.value);
  // No error series at all is the common healthy case: a labelled counter appears only with its first 5xx.
  const errors = onlySeries(errorsOutcome.value) ?? { value: 0 };
  if (requests === undefined) return { kind: 'no-data', metric, source, reason: 'no request series match the query (no traffic yet, or the labels do not match)' };
  for (const part of [requests, errors]) if ('problem' in part) return { kind: 'error', metric, source, error: part.problem, attempts: requestsOutcome.attempts };
  const r = (requests as { value: number }).value;
  let e = (errors as { value: number }).value;
  if (Number.isNaN(r) || r === 0) return { kind: 'no-data', metric, source, reason: `no requests in the last ${window}` };
  for (const [what, count] of [['requests', r], ['errors', e]] as const) {
    if (!Number.isFinite(count) || count < 0) return { kind: 'error', metric, source, error: `the ${what} count is ${count}`, attempts: requestsOutcome.attempts };
  }
  if (e > r * 1.001) return { kind: 'error', metric, source, error: `more errors (${e}) than requests (${r}): check the queries`, attempts: requestsOutcome.attempts };
  e = Math.min(e, r);
  const errorRate = (100 * e) / r;
  const counts = { requests: r, errors: e };
  return { kind: 'value', metric, source, value: metric === 'error-rate' ? errorRate : 100 - errorRate, unit: 'percent', windowSeconds, counts };
}

function toHistogram(samples: InstantSample[], scale: number): { le: number; count: number }[] | undefined {
  const byBound = new Map<number, number>();
  for (const sample of samples) {
    const text = sample.labels.le;
    const le = text === '+Inf' ? Infinity : Number(text);
    if (text === undefined || Number.isNaN(le) || !Number.isFinite(sample.value) || sample.value < 0) return undefined;
    byBound.set(le * scale, (byBound.get(le * scale) ?? 0) + sample.value);
  }
  const buckets = [...byBound].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  if (buckets.length === 0 || buckets.at(-1)?.le !== Infinity) return undefined;
  let highest = 0;
  return buckets.map((bucket) => ({ le: bucket.le, count: (highest = Math.max(highest, bucket.count)) }));
}

function readGrowth(metric: MetricName, source: string, outcome: Retried<RangeSeries[]>, windowSeconds: number): Reading {
  if (!outcome.ok) return { kind: 'error', metric, source, error: outcome.error, attempts: outcome.attempts };
  if (outcome.value.length > 1) return { kind: 'error', metric, source, error: `the query returned ${outcome.value.length} series; growth needs one`, attempts: outcome.attempts };
  const points = (outcome.value[0]?.points ?? []).filter((p) => Number.isFinite(p.value));
  if (points.length < 2) return { kind: 'no-data', metric, source, reason: `${points.length} point(s) in the window; growth needs two` };
  // Least squares, so one garbage collection in the window does not read as a leak or a recovery.
  const t0 = (points[0] as { at: number }).at;
  const n = points.length;
  const meanT = points.reduce((sum, p) => sum + (p.at - t0), 0) / n;
  const meanV = points.reduce((sum, p) => sum + p.value, 0) / n;
  const covariance = points.reduce((sum, p) => sum + (p.at - t0 - meanT) * (p.value - meanV), 0);
  const variance = points.reduce((sum, p) => sum + (p.at - t0 - meanT) ** 2, 0);
  const slope = variance > 0 ? covariance / variance : 0;
  const start = meanV - slope * meanT;
  if (start <= 0) return { kind: 'no-data', metric, source, reason: 'the series starts at zero' };
  const growth = ((slope * 60) / start) * 100;
  return { kind: 'value', metric, source, value: Math.max(0, growth), unit: 'percent', windowSeconds };
}
