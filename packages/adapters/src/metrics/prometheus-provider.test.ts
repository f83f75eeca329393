import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError, type Measurement, type MetricsQuery } from '@safe-deploy/core';
import { PrometheusProvider } from './prometheus-provider';
import { ManualClock } from './test-support/manual-clock';
import { deadUrl, startScriptedServer, type ScriptedReply, type ScriptedServer } from './test-support/start-scripted-server';

const query: MetricsQuery = { track: 'canary', environment: 'production', windowSeconds: 60, version: 'abc123' };
const Q = {
  requestRate: 'sum(rate(http_requests_total{track="canary"}[1m]))',
  requests: 'sum(increase(http_requests_total{track="canary"}[1m]))',
  errors: 'sum(increase(http_requests_total{code=~"5..",track="canary"}[1m]))',
  p50: 'histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{track="canary"}[1m])))',
  p95: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track="canary"}[1m])))',
  p99: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{track="canary"}[1m])))',
  buckets: 'sum by (le) (increase(http_request_duration_seconds_bucket{track="canary"}[1m]))',
  memory: 'sum(process_resident_memory_bytes{track="canary"})',
  memoryPercent: '100 * sum(process_resident_memory_bytes{track="canary"}) / sum(process_memory_limit_bytes{track="canary"})',
  cpu: '100 * sum(rate(process_cpu_seconds_total{track="canary"}[1m]))',
  db: 'sum(increase(db_connection_errors_total{track="canary"}[1m]))',
};

type Series = { labels?: Record<string, string>; value: string };
const vector = (...series: Series[]): ScriptedReply => ({ body: { status: 'success', data: { resultType: 'vector', result: series.map((s) => ({ metric: s.labels ?? {}, value: [1767268800, s.value] })) } } });
const one = (value: string) => vector({ value });
const bucketSeries = (pairs: [string, string][]) => vector(...pairs.map(([le, value]) => ({ labels: { le }, value })));

let server: ScriptedServer;
let answers: Map<string, ScriptedReply>;
beforeAll(async () => {
  server = await startScriptedServer();
});
beforeEach(() => {
  answers = new Map();
  server.requests.length = 0;
  server.answer((request) => {
    if (request.path === '/api/v1/query') return answers.get(request.query.get('query') ?? '') ?? vector();
    if (request.path === '/api/v1/query_range') return answers.get(`range ${request.query.get('query')}`) ?? { body: { status: 'success', data: { resultType: 'matrix', result: [] } } };
    return { status: 404, body: '404 page not found' };
  });
});
afterAll(() => server.close());

function provider(options: Record<string, unknown> = {}, clock = new ManualClock()) {
  return PrometheusProvider.fromConfig({ kind: 'prometheus', url: server.url, ...options }, 'health.providers[1]', { clock });
}
const byMetric = (measurements: Measurement[]) => Object.fromEntries(measurements.map((m) => [m.metric, m]));

describe('PrometheusProvider', () => {
  it('reads the built-in metrics: counts behind error rates, buckets behind quantiles, seconds as ms', async () => {
    answers.set(Q.requestRate, one('20'));
    answers.set(Q.requests, one('1200'));
    answers.set(Q.errors, one('30'));
    answers.set(Q.p50, one('0.05'));
    answers.set(Q.p95, one('0.2'));
    answers.set(Q.p99, one('0.45'));
    answers.set(Q.buckets, bucketSeries([['0.1', '700'], ['0.25', '1150'], ['+Inf', '1200'], ['0.5', '1190']]));
    answers.set(Q.memory, one('104857600'));
    answers.set(Q.memoryPercent, one('20'));
    answers.set(Q.cpu, one('12.5'));
    answers.set(Q.db, one('0'));
    const m = byMetric(await provider().measure(query));
    const histogram = [{ le: 100, count: 700 }, { le: 250, count: 1150 }, { le: 500, count: 1190 }, { le: Infinity, count: 1200 }];
    expect(m['request-rate']).toMatchObject({ kind: 'value', value: 20, unit: 'per-second', windowSeconds: 60, source: Q.requestRate });
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 2.5, unit: 'percent', counts: { requests: 1200, errors: 30 }, source: `errors: ${Q.errors} / requests: ${Q.requests}` });
    expect(m.availability).toMatchObject({ kind: 'value', value: 97.5, counts: { requests: 1200, errors: 30 } });
    expect(m['latency-p50']).toMatchObject({ value: 50, unit: 'ms', histogram });
    expect(m['latency-p95']).toMatchObject({ value: 200, unit: 'ms', histogram, source: Q.p95 });
    expect(m['latency-p99']).toMatchObject({ value: 450, unit: 'ms' });
    expect(m['memory-bytes']).toMatchObject({ value: 104857600, unit: 'bytes' });
    expect(m['memory-bytes']).not.toHaveProperty('windowSeconds');
    expect(m['memory-percent']).toMatchObject({ value: 20, unit: 'percent' });
    expect(m['cpu-percent']).toMatchObject({ value: 12.5, unit: 'percent' });
    expect(m['db-connection-errors']).toMatchObject({ value: 0, unit: 'count' });
    expect(Object.values(m).every((x) => x.provider === 'prometheus' && x.track === 'canary')).toBe(true);
  });

  it('asks Prometheus each distinct query once', async () => {
    await provider().measure(query);
    const asked = server.requests.map((r) => r.query.get('query'));
    expect(asked.filter((q) => q === Q.requests)).toHaveLength(1);
    expect(asked.filter((q) => q === Q.buckets)).toHaveLength(1);
  });

  it('counts no error series as zero errors (a labelled counter appears with its first 5xx)', async () => {
    answers.set(Q.requests, one('500'));
    const m = byMetric(await provider().measure(query));
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 0, counts: { requests: 500, errors: 0 } });
  });

  it('reports no traffic as no-data, never as a healthy 0 % or 0 ms', async () => {
    answers.set(Q.requests, one('0'));
    answers.set(Q.p95, one('NaN'));
    const m = byMetric(await provider().measure(query));
    expect(m['error-rate']).toMatchObject({ kind: 'no-data', reason: 'no requests in the last 1m' });
    expect(m['latency-p95']).toMatchObject({ kind: 'no-data', reason: 'the result is NaN: nothing was observed in the last 1m' });
    expect(m['request-rate']).toMatchObject({ kind: 'no-data', reason: 'no series match the query' });
  });

  it('leaves out memory-percent and db errors when their series do not exist (unless listed)', async () => {
    const m = byMetric(await provider().measure(query));
    expect(m['memory-percent']).toBeUndefined();
    expect(m['db-connection-errors']).toBeUndefined();
    const listed = byMetric(await provider({ metrics: ['memory-percent', 'db-connection-errors'] }).measure(query));
    expect(listed['memory-percent']).toMatchObject({ kind: 'no-data' });
    expect(listed['db-connection-errors']).toMatchObject({ kind: 'no-data' });
  });

  it.each([
    ['+Inf', { value: '+Inf' }, 'the value is +Inf'],
    ['a negative value', { value: '-3' }, 'the value -3000 is negative'],
  ])('turns %s into an error', async (_name, series, error) => {
    answers.set(Q.p95, vector(series));
    const m = byMetric(await provider().measure(query));
    expect(m['latency-p95']).toMatchObject({ kind: 'error', error });
  });

  it('refuses a query that returns several series instead of picking one', async () => {
    answers.set(Q.memory, vector({ labels: { pod: 'a' }, value: '1' }, { labels: { pod: 'b' }, value: '2' }));
    const m = byMetric(await provider().measure(query));
    expect(m['memory-bytes']).toMatchObject({ kind: 'error', error: 'the query returned 2 series; a metric needs one (aggregate it, e.g. with sum())' });
  });

  it('refuses more errors than requests', async () => {
    answers.set(Q.requests, one('10'));
    answers.set(Q.errors, one('20'));
    expect(byMetric(await provider().measure(query))['error-rate']).toMatchObject({ kind: 'error', error: 'more errors (20) than requests (10): check the queries' });
  });

  it('reports a rejected query (status: error) without retrying it', async () => {
    answers.set(Q.memory, { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' } });
    const clock = new ManualClock();
    const m = byMetric(await provider({}, clock).measure(query));
    expect(m['memory-bytes']).toMatchObject({ kind: 'error', attempts: 1, error: 'Prometheus rejected the query (HTTP 400, bad_data): parse error at char 5' });
  });

  it.each([
    ['a 503', { status: 503, body: { status: 'error', errorType: 'unavailable', error: 'too many queries' } }, 3, 'Prometheus rejected the query (HTTP 503, unavailable): too many queries'],
    ["a proxy's HTML page", { status: 200, body: '<html><h1>Sign in</h1></html>', contentType: 'text/html' }, 3, 'answered HTTP 200 with text/html, not JSON: "<html><h1>Sign in</h1></html>"'],
    ['malformed JSON', { status: 200, body: '{"status":"succ', contentType: 'application/json' }, 3, 'not JSON'],
    ['JSON of another shape', { status: 200, body: { hello: 'world' } }, 1, 'JSON that is not an API response'],
    ['a non-numeric sample', { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'abc'] }] } } }, 1, 'expected a number'],
  ])('reports %s as an error (after %s attempt(s))', async (_name, reply, attempts, error) => {
    answers.set(Q.memory, reply as ScriptedReply);
    const clock = new ManualClock();
    const m = byMetric(await provider({ retries: 2, 'retry-delay': 1 }, clock).measure(query));
    expect(m['memory-bytes']).toMatchObject({ kind: 'error', attempts });
    expect((m['memory-bytes'] as { error: string }).error).toContain(error);
    expect(clock.sleeps).toEqual(attempts === 3 ? [1, 2] : []);
  });

  it('never throws when Prometheus is down: one error per metric it would have read', async () => {
    const clock = new ManualClock();
    const dead = PrometheusProvider.fromConfig({ kind: 'prometheus', url: await deadUrl() }, 'health.providers[0]', { clock });
    const measurements = await dead.measure(query);
    expect(measurements.map((m) => m.metric)).toEqual(['request-rate', 'error-rate', 'availability', 'latency-p50', 'latency-p95', 'latency-p99', 'memory-bytes', 'memory-percent', 'cpu-percent', 'db-connection-errors']);
    for (const m of measurements) expect(m).toMatchObject({ kind: 'error', attempts: 3 });
  });

  it('selects by configured label names, track values, environment, version and extra matchers, escaping values', async () => {
    const p = provider({
      labels: { track: 'deployment_track', environment: 'env', version: 'app_version' },
      'track-values': { canary: 'preview' },
      matchers: 'job="shop",region="{{environment}}"',
      metrics: ['memory-bytes'],
    });
    await p.measure({ ...query, environment: 'eu"west' });
    expect(server.requests.at(-1)?.query.get('query')).toBe('sum(process_resident_memory_bytes{deployment_track="preview",env="eu\\"west",app_version="abc123",job="shop",region="eu\\"west"})');
  });

  it('selects every series for the current track by default (the only version)', async () => {
    await provider({ metrics: ['memory-bytes'] }).measure({ ...query, track: 'current' });
    expect(server.requests.at(-1)?.query.get('query')).toBe('sum(process_resident_memory_bytes{})');
  });

  it('uses the configured window instead of the query window', async () => {
    await provider({ window: '30s', metrics: ['request-rate'] }).measure(query);
    expect(server.requests.at(-1)?.query.get('query')).toBe('sum(rate(http_requests_total{track="canary"}[30s]))');
  });

  it('takes a query per metric from config: PromQL with a scale, counts, or a custom metric', async () => {
    const p = provider({
      metrics: ['latency-p95', 'error-rate'],
      queries: {
        'latency-p95': { query: 'max(my_p95_ms{env="{{environment}}"})', scale: 1 },
        'error-rate': { requests: 'sum(increase(reqs{{{labels}}}[{{window}}]))', errors: 'sum(increase(fails{{{labels}}}[{{window}}]))' },
        'custom:queue-depth': { query: 'sum(queue_depth{{{labels}}})', unit: 'count' },
      },
    });
    answers.set('max(my_p95_ms{env="production"})', one('321'));
    answers.set('sum(increase(reqs{track="canary"}[1m]))', one('200'));
    answers.set('sum(increase(fails{track="canary"}[1m]))', one('50'));
    answers.set('sum(queue_depth{track="canary"})', one('7'));
    const m = byMetric(await p.measure(query));
    expect(m['latency-p95']).toMatchObject({ kind: 'value', value: 321, unit: 'ms' });
    expect(m['error-rate']).toMatchObject({ value: 25, counts: { requests: 200, errors: 50 } });
    expect(m['custom:queue-depth']).toMatchObject({ value: 7, unit: 'count' });
  });

  it('reports a query that needs an unknown version as an error, not a wider query', async () => {
    const p = provider({ metrics: ['custom:v'], queries: { 'custom:v': 'sum(x{version="{{version}}"})' } });
    const [m] = await p.measure({ ...query, version: undefined });
    expect(m).toMatchObject({ kind: 'error', attempts: 0, error: 'the query needs {{version}}, unknown for the canary track' });
  });

  it('measures memory growth over the window with a range query', async () => {
    const clock = new ManualClock('2026-01-01T12:00:00Z');
    const end = Date.parse('2026-01-01T12:00:00Z') / 1000;
    // 100 MB growing 1 MB/s: 60 % of the start per minute.
    const values = Array.from({ length: 31 }, (_, i) => [end - 60 + i * 2, String(100e6 + 2e6 * i)]);
    answers.set(`range ${Q.memory}`, { body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } } });
    const [m] = await provider({ metrics: ['custom:memory-growth-percent-per-minute'] }, clock).measure(query);
    expect(m).toMatchObject({ kind: 'value', unit: 'percent', windowSeconds: 60 });
    expect((m as { value: number }).value).toBeCloseTo(60, 6);
    const range = server.requests.at(-1);
    expect(range?.path).toBe('/api/v1/query_range');
    expect([range?.query.get('start'), range?.query.get('end'), range?.query.get('step')]).toEqual([String(end - 60), String(end), '2']);
  });

  it.each([
    [{ url: 'prometheus:9090' }, 'health.providers[1].url'],
    [{ queries: { 'latency-p95': 'x{track="{{trak}}"}' } }, 'health.providers[1].queries.latency-p95'],
    [{ queries: { 'error_rate': 'x' } }, 'health.providers[1].queries.error_rate'],
    [{ queries: { 'latency-p95': { requests: 'a', errors: 'b' } } }, 'health.providers[1].queries.latency-p95'],
    [{ queries: { 'latency-p95': { query: 'a', unit: 'percent' } } }, 'health.providers[1].queries.latency-p95'],
    [{ metrics: ['latency-p95', 'custom:nothing'] }, 'health.providers[1].metrics[1]'],
    [{ labels: { track: 'bad-label' } }, 'health.providers[1].labels.track'],
    [{ matchers: '{job="x"}' }, 'health.providers[1].matchers'],
    [{ 'error-codes': '5..(' }, 'health.providers[1].error-codes'],
  ])('names the policy path of a configuration mistake: %j', (patch, where) => {
    expect(() => provider(patch)).toThrow(ConfigurationError);
    try {
      provider(patch);
    } catch (error) {
      expect((error as ConfigurationError).where).toBe(where);
    }
  });
});
