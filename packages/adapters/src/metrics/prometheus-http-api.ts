import { z } from 'zod';
import { displayUrl } from './display-url';
import { readHttp, type HttpAnswer } from './read-http';
import type { Attempt, Retried, RetryPolicy } from './with-retries';

// Prometheus encodes sample values as strings: `"1.5"`, `"NaN"`, `"+Inf"`; anything else is a broken answer.
const sample = z.tuple([z.number(), z.string().regex(/^(?:[+-]?Inf|NaN|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/, 'expected a number')]);
const labels = z.record(z.string(), z.string());
const dataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sample })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(sample) })) }),
  z.object({ resultType: z.literal('scalar'), result: sample }),
  z.object({ resultType: z.literal('string'), result: sample }),
]);
const responseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('success'), data: dataSchema, warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

/** One series of an instant query: its labels and its value (`NaN`, `+Inf` as numbers). */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

/** One series of a range query: its labels and its points (seconds since the epoch, value). */
export interface RangeSeries {
  labels: Record<string, string>;
  points: { at: number; value: number }[];
}

/** How to reach a Prometheus server. */
export interface PrometheusApiOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutSeconds: number;
  headers?: Record<string, string>;
  retry: RetryPolicy;
}

/**
 * Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`), parsed with zod. Never throws: an unreachable
 * server, a 5xx, an HTML page from a proxy (all retried), a rejected query (`status: error`, not retried) come
 * back as `{ ok: false, error }` naming the cause.
 */
export class PrometheusHttpApi {
  constructor(private readonly options: PrometheusApiOptions) {}

  /** Evaluates an instant query at the server's now; a scalar result is one sample without labels. */
  async query(promql: string): Promise<Retried<InstantSample[]>> {
    const read = await this.get('/api/v1/query', { query: promql });
    if (!read.ok) return read;
    const data = read.value;
    if (data.resultType === 'vector') return { ...read, value: data.result.map((s) => ({ labels: s.metric, value: parseValue(s.value[1]) })) };
    if (data.resultType === 'scalar') return { ...read, value: [{ labels: {}, value: parseValue(data.result[1]) }] };
    return { ok: false, error: `the query returned a ${data.resultType}, not an instant vector`, attempts: read.attempts };
  }

  /** Evaluates a range query from `start` to `end` (seconds since the epoch) every `stepSeconds`. */
  async queryRange(promql: string, start: number, end: number, stepSeconds: number): Promise<Retried<RangeSeries[]>> {
    const read = await this.get('/api/v1/query_range', { query: promql, start: String(start), end: String(end), step: String(stepSeconds) });
    if (!read.ok) return read;
    const data = read.value;
    if (data.resultType !== 'matrix') return { ok: false, error: `the range query returned a ${data.resultType}, not a matrix`, attempts: read.attempts };
    return { ...read, value: data.result.map((s) => ({ labels: s.metric, points: s.values.map(([at, value]) => ({ at, value: parseValue(value) })) })) };
  }

  private get(path: string, params: Record<string, string>): Promise<Retried<z.output<typeof dataSchema>>> {
    const url = new URL(path.slice(1), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return readHttp(url.toString(), { ...this.options, accept: (answer) => interpret(answer, displayUrl(this.options.baseUrl)) });
  }
}

/** What an answer says: data, a rejected query (not worth retrying), or a failure a retry may fix. */
function interpret(answer: HttpAnswer, server: string): Attempt<z.output<typeof dataSchema>> {
  const retryable = answer.status >= 500 || answer.status === 429;
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    const type = answer.contentType.split(';')[0]?.trim() || 'no content type';
    const excerpt = answer.body.trim().slice(0, 80);
    return { ok: false, error: `Prometheus at ${server} answered HTTP ${answer.status} with ${type}, not JSON${excerpt ? `: ${JSON.stringify(excerpt)}` : ' (empty body)'}`, retryable: true };
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: `Prometheus at ${server} answered HTTP ${answer.status} with JSON that is not an API response${where}: ${issue?.message ?? 'invalid'}`, retryable };
  }
  if (parsed.data.status === 'error') {
    return { ok: false, error: `Prometheus rejected the query (HTTP ${answer.status}, ${parsed.data.errorType}): ${parsed.data.error}`, retryable };
  }
  if (answer.status !== 200) return { ok: false, error: `Prometheus at ${server} answered HTTP ${answer.status}`, retryable };
  return { ok: true, value: parsed.data.data };
}

/** Prometheus encodes sample values as strings: `"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`. */
function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
