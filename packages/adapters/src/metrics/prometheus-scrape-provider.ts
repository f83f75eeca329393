import { z } from 'zod';
import type { Measurement, MetricName, MetricsProvider, MetricsQuery } from '@safe-deploy/core';
import { headersSchema, readOptions, READ_OPTION_FIXES, urlTemplateSchema } from './common-options';
import { compareScrapes, type Scrape, type ScrapeShape } from './compare-scrapes';
import { displayUrl } from './display-url';
import { metricNameSchema } from './metric-name-schema';
import { resolveDeps, type MetricsProviderDeps, type ResolvedDeps } from './metrics-provider-deps';
import { parseExposition, type ExpositionSample } from './parse-exposition';
import { parseProviderOptions } from './parse-provider-options';
import { OPTIONAL_DEFAULT_METRICS, PROMETHEUS_DEFAULT_METRICS } from './prometheus-query-plan';
import { readHttp } from './read-http';
import { stampReadings, type Reading } from './reading';
import { renderTemplate } from './render-template';
import { errorCodesSchema, labelNamesSchema, SERIES_OPTION_FIXES, seriesNamesSchema, trackLabelValue, trackValuesSchema } from './series-options';

/** What the scrape provider can read from an exposition. */
export const SCRAPE_METRICS: readonly MetricName[] = PROMETHEUS_DEFAULT_METRICS;

/** Options of `kind: prometheus-scrape` (an app's `/metrics`, read directly, no Prometheus server). */
export const prometheusScrapeOptionsSchema = z.strictObject({
  kind: z.literal('prometheus-scrape'),
  name: z.string().min(1).optional(),
  /** The exposition, e.g. `http://127.0.0.1:8080/metrics`; may use `{{environment}}`, `{{track}}`, `{{version}}`. */
  url: urlTemplateSchema,
  headers: headersSchema,
  labels: labelNamesSchema,
  'track-values': trackValuesSchema,
  names: seriesNamesSchema,
  'error-codes': errorCodesSchema,
  metrics: z
    .array(metricNameSchema.refine((metric) => SCRAPE_METRICS.includes(metric), `expected one of ${SCRAPE_METRICS.join(', ')}`))
    .min(1)
    .optional(),
  ...readOptions,
});

/** The scrape provider's options after defaults. */
export type PrometheusScrapeOptions = z.output<typeof prometheusScrapeOptionsSchema>;

const FIXES = {
  ...READ_OPTION_FIXES,
  ...SERIES_OPTION_FIXES,
  url: "Set `url` to the app's metrics endpoint, e.g. `url: http://127.0.0.1:8080/metrics`.",
  metrics: `Choose from ${SCRAPE_METRICS.join(', ')}.`,
};

/**
 * `kind: prometheus-scrape`: reads an app's text exposition directly and keeps the previous scrape (per URL and
 * track) in the instance, so each call reports what changed since the last one: request rate, error rate with
 * counts, latency quantiles with bucket deltas, cpu, db errors — plus memory as it is now. The first call can only
 * give the gauges; rate-like metrics are `no-data` until the second. Windows are the time between calls, not
 * `query.windowSeconds`.
 */
export class PrometheusScrapeProvider implements MetricsProvider {
  readonly kind = 'prometheus-scrape';
  readonly name: string;
  private readonly previous = new Map<string, Scrape>();
  private readonly shape: ScrapeShape;

  constructor(
    private readonly options: PrometheusScrapeOptions,
    private readonly deps: ResolvedDeps,
  ) {
    this.name = options.name ?? 'prometheus-scrape';
    this.shape = {
      names: options.names,
      codeLabel: options.labels.code,
      errorCodes: new RegExp(`^(?:${options['error-codes']})$`),
      metrics: options.metrics ?? SCRAPE_METRICS,
      optional: options.metrics ? new Set() : OPTIONAL_DEFAULT_METRICS,
    };
  }

  /** Validates a `health.providers[i]` entry of kind prometheus-scrape (`where` is its policy path) and builds the provider. */
  static fromConfig(config: unknown, where: string, deps?: MetricsProviderDeps): PrometheusScrapeProvider {
    return new PrometheusScrapeProvider(parseProviderOptions(prometheusScrapeOptionsSchema, config, where, FIXES), resolveDeps(deps));
  }

  async measure(query: MetricsQuery): Promise<Measurement[]> {
    const stamp = { provider: this.name, track: query.track, at: this.deps.clock.now().toISOString() };
    const url = renderTemplate(this.options.url, { environment: query.environment, track: query.track, version: query.version }, encodeURIComponent);
    const required = this.shape.metrics.filter((metric) => !this.shape.optional.has(metric));
    const all = (make: (metric: MetricName) => Reading) => stampReadings(required.map(make), stamp);
    if (!url.ok) {
      const error = `the url uses ${url.missing.map((v) => `{{${v}}}`).join(', ')}, unknown for the ${query.track} track`;
      return all((metric) => ({ kind: 'error', metric, source: this.options.url, error, attempts: 0 }));
    }
    const source = `GET ${displayUrl(url.text)}`;
    const read = await readHttp(url.text, {
      fetch: this.deps.fetch,
      timeoutSeconds: this.options.timeout,
      headers: { accept: 'text/plain;version=0.0.4', ...this.options.headers },
      retry: { retries: this.options.retries, delaySeconds: this.options['retry-delay'], sleep: (s) => this.deps.clock.sleep(s) },
      accept: (answer) => {
        const type = answer.contentType.split(';')[0]?.trim() ?? '';
        if (answer.status !== 200) return { ok: false, error: `HTTP ${answer.status}${type ? ` (${type})` : ''}`, retryable: answer.status >= 500 || answer.status === 429 };
        if (type === 'text/html' || /^\s*</.test(answer.body)) return { ok: false, error: `answered ${type || 'HTML'}, not a Prometheus exposition: ${JSON.stringify(answer.body.trim().slice(0, 60))}`, retryable: true };
        if (type === 'application/json' || /^\s*[[{]/.test(answer.body)) return { ok: false, error: 'answered JSON, not a Prometheus text exposition', retryable: false };
        const parsed = parseExposition(answer.body);
        return parsed.ok ? { ok: true, value: parsed.samples } : { ok: false, error: parsed.problem, retryable: false };
      },
    });
    if (!read.ok) return all((metric) => ({ kind: 'error', metric, source, error: read.error, attempts: read.attempts }));
    const atMs = this.deps.clock.now().getTime();
    if (read.value.length === 0) return all((metric) => ({ kind: 'no-data', metric, source, reason: 'the exposition has no samples' }));
    const samples = read.value.filter((sample) => this.selects(sample, query));
    if (samples.length === 0) {
      const seen = [...new Set(read.value.map((sample) => sample.labels[this.options.labels.track]).filter((v) => v !== undefined))];
      return all((metric) => ({ kind: 'no-data', metric, source, reason: `no samples for the ${query.track} track${seen.length ? ` (it serves ${this.options.labels.track}=${seen.map((v) => JSON.stringify(v)).join(', ')})` : ''}` }));
    }
    const key = `${url.text} ${query.track}`;
    const current: Scrape = { atMs, samples };
    const readings = compareScrapes(this.previous.get(key), current, this.shape, source);
    this.previous.set(key, current);
    return stampReadings(readings, stamp);
  }

  /** A sample belongs to the track when its track label matches, or when it has none (the URL serves one version). */
  private selects(sample: ExpositionSample, query: MetricsQuery): boolean {
    const { labels } = this.options;
    const wanted = trackLabelValue(query.track, this.options['track-values']);
    const matches = (label: string | undefined, value: string | undefined) => !label || value === undefined || sample.labels[label] === undefined || sample.labels[label] === value;
    return matches(labels.track, wanted) && matches(labels.environment, query.environment) && matches(labels.version, query.version);
  }
}
