import { z } from 'zod';
import { ConfigurationError, type Measurement, type MetricName, type MetricsProvider, type MetricsQuery } from '@safe-deploy/core';
import { headersSchema, readOptions, READ_OPTION_FIXES, urlTemplateSchema } from './common-options';
import { displayUrl } from './display-url';
import { resolveDeps, type MetricsProviderDeps, type ResolvedDeps } from './metrics-provider-deps';
import { parseHealthAnswer, type FieldMapping, type HealthAnswerShape } from './parse-health-answer';
import { parseProviderOptions } from './parse-provider-options';
import { readHttp } from './read-http';
import { stampReadings, type Reading } from './reading';
import { renderTemplate } from './render-template';

/** What the http provider can report; `custom:consecutive-failures` is its own count, not read from the service. */
export const HTTP_METRICS = ['health-check', 'error-rate', 'availability', 'latency-p95', 'custom:consecutive-failures'] as const;

const rateField = z.union([z.literal(false), z.string().min(1), z.strictObject({ path: z.string().min(1), unit: z.enum(['percent', 'ratio']).default('percent') })]);
const timeField = z.union([z.literal(false), z.string().min(1), z.strictObject({ path: z.string().min(1), unit: z.enum(['ms', 's']).default('ms') })]);
const pathField = z.union([z.literal(false), z.string().min(1)]);
const statusCode = z.number().int().min(100).max(599);

/** Options of `kind: http` (a health endpoint answering JSON, seed 004's shape unless `fields` maps another). */
export const httpOptionsSchema = z.strictObject({
  kind: z.literal('http'),
  name: z.string().min(1).optional(),
  /** The health endpoint; may use `{{environment}}`, `{{track}}`, `{{version}}`. */
  url: urlTemplateSchema,
  headers: headersSchema,
  'expected-status': z.union([statusCode, z.array(statusCode).min(1)]).default([200]).transform((codes) => (Array.isArray(codes) ? codes : [codes])),
  /** Values of the status field that count as healthy (case-insensitive). */
  'healthy-values': z.array(z.string().min(1)).min(1).default(['healthy', 'ok', 'up', 'pass']),
  /** Dotted paths into the body (`data.errors.ratio`); `false` turns a field off. */
  fields: z
    .strictObject({
      status: pathField.optional(),
      'error-rate': rateField.optional(),
      availability: rateField.optional(),
      'response-time': timeField.optional(),
      requests: pathField.optional(),
      errors: pathField.optional(),
    })
    .default({}),
  metrics: z.array(z.enum(HTTP_METRICS)).min(1).optional(),
  ...readOptions,
});

/** The http provider's options after defaults. */
export type HttpOptions = z.output<typeof httpOptionsSchema>;

const FIXES = {
  ...READ_OPTION_FIXES,
  url: 'Set `url` to the health endpoint, e.g. `url: https://{{environment}}.example.com/health`.',
  'expected-status': 'Use an HTTP status or a list of them, e.g. `expected-status: [200, 204]`.',
  'healthy-values': 'List the status values that mean healthy, e.g. `healthy-values: [healthy, ok]`.',
  fields: 'Map each field to a dotted path, e.g. `fields: { error-rate: { path: data.errors.ratio, unit: ratio } }`, or `false`.',
  metrics: `Choose from ${HTTP_METRICS.join(', ')}.`,
};

const mapping = (field: string | false | { path: string; unit: FieldMapping['unit'] } | undefined, fallback: FieldMapping): FieldMapping | false =>
  field === undefined ? fallback : field === false ? false : typeof field === 'string' ? { path: field, unit: fallback.unit } : field;

/**
 * `kind: http`: GETs a health endpoint and reports `health-check` (1/0), `error-rate`, `availability` and
 * `latency-p95` from its JSON, plus `custom:consecutive-failures`. A probe that gets no answer after its retries
 * gives `error` readings; an answer is always judged, whatever its status.
 *
 * Consecutive failures: the provider remembers, per URL, how many probes in a row failed (no answer, an
 * unexpected status or an unhealthy status value) and resets on a healthy one. It is reported on every call as
 * `custom:consecutive-failures` (a count, a value even when the endpoint is down) and by `consecutiveFailures()`.
 */
export class HttpProvider implements MetricsProvider {
  readonly kind = 'http';
  readonly name: string;
  private readonly shape: HealthAnswerShape;
  private readonly metrics: readonly MetricName[];
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly options: HttpOptions,
    private readonly deps: ResolvedDeps,
  ) {
    this.name = options.name ?? 'http';
    const fields = options.fields;
    this.shape = {
      expectedStatus: options['expected-status'],
      healthyValues: options['healthy-values'],
      status: fields.status ?? 'status',
      errorRate: mapping(fields['error-rate'], { path: 'error_rate', unit: 'percent' }),
      availability: mapping(fields.availability, { path: 'availability', unit: 'percent' }),
      responseTime: mapping(fields['response-time'], { path: 'response_time', unit: 'ms' }),
      requests: fields.requests ?? false,
      errors: fields.errors ?? false,
    };
    // A rate whose field is turned off (and that has no counts to derive it from) is not reported by default.
    const unmapped = (metric: MetricName) =>
      this.shape.requests === false && ((metric === 'error-rate' && this.shape.errorRate === false) || (metric === 'availability' && this.shape.availability === false));
    this.metrics = options.metrics ?? HTTP_METRICS.filter((metric) => !unmapped(metric));
  }

  /** Validates a `health.providers[i]` entry of kind http (`where` is its policy path) and builds the provider. */
  static fromConfig(config: unknown, where: string, deps?: MetricsProviderDeps): HttpProvider {
    const options = parseProviderOptions(httpOptionsSchema, config, where, FIXES);
    for (const [metric, field] of [['error-rate', 'error-rate'], ['availability', 'availability']] as const) {
      if (options.metrics?.includes(metric) && options.fields[field] === false && !options.fields.requests) {
        throw new ConfigurationError(`${where}.fields.${field}`, `is false, but metrics lists ${metric}.`, `Map ${field} to a field of the body, or remove ${metric} from metrics.`);
      }
    }
    return new HttpProvider(options, resolveDeps(deps));
  }

  /** Failed probes in a row for the URL the query renders to (0 after a healthy one). */
  consecutiveFailures(query: Pick<MetricsQuery, 'environment' | 'track' | 'version'>): number {
    const url = this.urlFor(query);
    return url.ok ? (this.failures.get(url.text) ?? 0) : 0;
  }

  async measure(query: MetricsQuery): Promise<Measurement[]> {
    const at = this.deps.clock.now().toISOString();
    const url = this.urlFor(query);
    if (!url.ok) {
      const error = `the url uses ${url.missing.map((v) => `{{${v}}}`).join(', ')}, unknown for the ${query.track} track`;
      return stampReadings(this.pick(new Map(), (metric) => ({ kind: 'error', metric, source: `GET ${this.options.url}`, error, attempts: 0 })), { provider: this.name, track: query.track, at });
    }
    const request = `GET ${displayUrl(url.text)}`;
    const read = await readHttp(url.text, {
      fetch: this.deps.fetch,
      timeoutSeconds: this.options.timeout,
      headers: this.options.headers,
      retry: { retries: this.options.retries, delaySeconds: this.options['retry-delay'], sleep: (s) => this.deps.clock.sleep(s) },
    });
    const readings = read.ok ? parseHealthAnswer(read.value, this.shape, request) : new Map<MetricName, Reading>();
    const healthy = readings.get('health-check');
    const failed = !(healthy?.kind === 'value' && healthy.value === 1);
    const streak = failed ? (this.failures.get(url.text) ?? 0) + 1 : 0;
    this.failures.set(url.text, streak);
    readings.set('custom:consecutive-failures', { kind: 'value', metric: 'custom:consecutive-failures', source: `${request} (failed probes in a row)`, value: streak, unit: 'count' });
    const fallback = (metric: MetricName): Reading =>
      read.ok ? { kind: 'no-data', metric, source: request, reason: 'not measured' } : { kind: 'error', metric, source: request, error: read.error, attempts: read.attempts };
    return stampReadings(this.pick(readings, fallback), { provider: this.name, track: query.track, at });
  }

  private pick(readings: Map<MetricName, Reading>, fallback: (metric: MetricName) => Reading): Reading[] {
    return this.metrics.map((metric) => readings.get(metric) ?? fallback(metric));
  }

  private urlFor(query: Pick<MetricsQuery, 'environment' | 'track' | 'version'>) {
    return renderTemplate(this.options.url, { environment: query.environment, track: query.track, version: query.version }, encodeURIComponent);
  }
}
