import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import client from 'prom-client';
import { ConfigurationError, type Measurement, type MetricsQuery } from '@safe-deploy/core';
import { histogramQuantile } from './histogram-quantile';
import { PrometheusScrapeProvider } from './prometheus-scrape-provider';
import { ManualClock } from './test-support/manual-clock';
import { deadUrl, startScriptedServer, type ScriptedServer } from './test-support/start-scripted-server';

const canary: MetricsQuery = { track: 'canary', environment: 'production', windowSeconds: 60 };
const byMetric = (measurements: Measurement[]) => Object.fromEntries(measurements.map((m) => [m.metric, m]));

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function provider(options: Record<string, unknown> = {}, clock = new ManualClock()) {
  return PrometheusScrapeProvider.fromConfig({ kind: 'prometheus-scrape', url: `${server.url}/metrics`, ...options }, 'health.providers[0]', { clock });
}
const serve = (text: string, contentType = 'text/plain; version=0.0.4') => server.answer(() => ({ body: text, contentType }));

/** An app's registry as prom-client builds it (the format the scrape provider meets in practice). */
function appRegistry(track: string) {
  const registry = new client.Registry();
  registry.setDefaultLabels({ track });
  const requests = new client.Counter({ name: 'http_requests_total', help: 'requests', labelNames: ['method', 'code'], registers: [registry] });
  const duration = new client.Histogram({ name: 'http_request_duration_seconds', help: 'duration', labelNames: ['method', 'code'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry] });
  const memory = new client.Gauge({ name: 'process_resident_memory_bytes', help: 'rss', registers: [registry] });
  const limit = new client.Gauge({ name: 'process_memory_limit_bytes', help: 'limit', registers: [registry] });
  const cpu = new client.Counter({ name: 'process_cpu_seconds_total', help: 'cpu', registers: [registry] });
  const db = new client.Counter({ name: 'db_connection_errors_total', help: 'db', registers: [registry] });
  memory.set(50e6);
  limit.set(200e6);
  const serve = (count: number, code: string, seconds: number) => {
    for (let i = 0; i < count; i++) {
      requests.inc({ method: 'GET', code });
      duration.observe({ method: 'GET', code }, seconds);
    }
  };
  return { registry, serve, cpu, db, memory };
}

describe('PrometheusScrapeProvider', () => {
  it('gives gauges on the first scrape and says why rates need a second one', async () => {
    const app = appRegistry('canary');
    app.serve(10, '200', 0.02);
    serve(await app.registry.metrics());
    const m = byMetric(await provider().measure(canary));
    expect(m['memory-bytes']).toMatchObject({ kind: 'value', value: 50e6, unit: 'bytes' });
    expect(m['memory-percent']).toMatchObject({ kind: 'value', value: 25, unit: 'percent' });
    for (const metric of ['request-rate', 'error-rate', 'availability', 'latency-p95', 'cpu-percent', 'db-connection-errors']) {
      expect(m[metric]).toMatchObject({ kind: 'no-data', reason: 'first scrape: a rate needs two; the next call measures the change since this one' });
    }
  });

  it('turns counter deltas into rates and counts, and bucket deltas into quantiles in ms', async () => {
    const clock = new ManualClock();
    const scrape = provider({}, clock);
    const app = appRegistry('canary');
    app.serve(50, '200', 0.02);
    serve(await app.registry.metrics());
    await scrape.measure(canary);

    app.serve(90, '200', 0.04);
    app.serve(10, '500', 0.3);
    app.cpu.inc(0.5);
    app.db.inc(3);
    clock.advance(10);
    serve(await app.registry.metrics());
    const m = byMetric(await scrape.measure(canary));

    expect(m['request-rate']).toMatchObject({ kind: 'value', value: 10, unit: 'per-second', windowSeconds: 10 });
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 10, counts: { requests: 100, errors: 10 }, windowSeconds: 10 });
    expect(m.availability).toMatchObject({ value: 90 });
    expect(m['cpu-percent']).toMatchObject({ value: 5 });
    expect(m['db-connection-errors']).toMatchObject({ value: 3, unit: 'count' });
    const histogram = [
      { le: 10, count: 0 },
      { le: 50, count: 90 },
      { le: 100, count: 90 },
      { le: 250, count: 90 },
      { le: 500, count: 100 },
      { le: 1000, count: 100 },
      { le: Infinity, count: 100 },
    ];
    expect(m['latency-p50']).toMatchObject({ kind: 'value', unit: 'ms', histogram });
    // p50: rank 50 of 90 in (10, 50] ms; p95: rank 95 in (250, 500] ms.
    expect((m['latency-p50'] as { value: number }).value).toBeCloseTo(10 + 40 * (50 / 90), 9);
    expect((m['latency-p95'] as { value: number }).value).toBeCloseTo(250 + 250 * (5 / 10), 9);
    expect((m['latency-p99'] as { value: number }).value).toBeCloseTo(histogramQuantile(0.99, histogram), 9);
  });

  it('reports no traffic between scrapes as no-data (and a request rate of 0)', async () => {
    const clock = new ManualClock();
    const scrape = provider({}, clock);
    const app = appRegistry('canary');
    app.serve(5, '200', 0.02);
    serve(await app.registry.metrics());
    await scrape.measure(canary);
    clock.advance(15);
    const m = byMetric(await scrape.measure(canary));
    expect(m['request-rate']).toMatchObject({ kind: 'value', value: 0 });
    expect(m['error-rate']).toMatchObject({ kind: 'no-data', reason: 'no requests in the 15 s between scrapes' });
    expect(m['latency-p95']).toMatchObject({ kind: 'no-data', reason: 'no requests in the 15 s between scrapes' });
  });

  const exposition = (requests: number, errors: number, start: number, track = 'canary') => `# TYPE http_requests_total counter
http_requests_total{code="200",track="${track}"} ${requests - errors}
http_requests_total{code="503",track="${track}"} ${errors}
# TYPE process_start_time_seconds gauge
process_start_time_seconds{track="${track}"} ${start}
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes{track="${track}"} 1e8
`;

  it('treats a counter that went down as reset: it counts from zero', async () => {
    const clock = new ManualClock();
    const scrape = provider({ metrics: ['error-rate'] }, clock);
    serve(exposition(1000, 10, 1000).replace(/^process_start.*$/m, ''));
    await scrape.measure(canary);
    clock.advance(10);
    serve(exposition(40, 4, 1000).replace(/^process_start.*$/m, ''));
    expect((await scrape.measure(canary))[0]).toMatchObject({ kind: 'value', value: 10, counts: { requests: 40, errors: 4 } });
  });

  it('treats a changed process start time as a restart, even when the counters grew past their old values', async () => {
    const clock = new ManualClock();
    const scrape = provider({ metrics: ['error-rate'] }, clock);
    serve(exposition(100, 0, 1000));
    await scrape.measure(canary);
    clock.advance(10);
    serve(exposition(150, 30, 2000));
    expect((await scrape.measure(canary))[0]).toMatchObject({ kind: 'value', value: 20, counts: { requests: 150, errors: 30 } });
  });

  it("reads only the asked track's samples, and says which track a URL serves when it is the wrong one", async () => {
    const clock = new ManualClock();
    const scrape = provider({ metrics: ['error-rate'] }, clock);
    serve(exposition(100, 0, 1000) + exposition(500, 100, 1000, 'stable').replace(/^# TYPE.*$/gm, ''));
    await scrape.measure(canary);
    clock.advance(10);
    serve(exposition(200, 10, 1000) + exposition(600, 200, 1000, 'stable').replace(/^# TYPE.*$/gm, ''));
    expect((await scrape.measure(canary))[0]).toMatchObject({ value: 10, counts: { requests: 100, errors: 10 } });

    serve(exposition(100, 0, 1000, 'stable'));
    expect((await provider({ metrics: ['error-rate'] }).measure(canary))[0]).toMatchObject({ kind: 'no-data', reason: 'no samples for the canary track (it serves track="stable")' });
  });

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>', 'text/html', 3, 'answered text/html, not a Prometheus exposition'],
    ['JSON', '{"status":"ok"}', 'application/json', 1, 'answered JSON, not a Prometheus text exposition'],
  ])('reports %s as errors for every metric', async (_name, body, contentType, attempts, error) => {
    serve(body, contentType);
    const measurements = await provider({ retries: 2 }).measure(canary);
    expect(measurements.map((m) => m.metric)).toEqual(['request-rate', 'error-rate', 'availability', 'latency-p50', 'latency-p95', 'latency-p99', 'memory-bytes', 'cpu-percent']);
    for (const m of measurements) expect(m).toMatchObject({ kind: 'error', attempts });
    expect((measurements[0] as { error: string }).error).toContain(error);
  });

  it('retries a 5xx and a dead endpoint with backoff, then reports errors', async () => {
    server.answer(() => ({ status: 500, body: 'oops' }));
    const clock = new ManualClock();
    expect((await provider({ retries: 1 }, clock).measure(canary))[0]).toMatchObject({ kind: 'error', attempts: 2, error: 'HTTP 500 (text/plain)' });
    expect(clock.sleeps).toEqual([1]);
    const dead = PrometheusScrapeProvider.fromConfig({ kind: 'prometheus-scrape', url: await deadUrl('/metrics'), retries: 0 }, 'health.providers[0]', { clock: new ManualClock() });
    const [first] = await dead.measure(canary);
    expect(first).toMatchObject({ kind: 'error', attempts: 1 });
    expect((first as { error: string }).error).toContain('ECONNREFUSED');
  });

  it('reports an empty exposition as no-data', async () => {
    serve('');
    const [first] = await provider().measure(canary);
    expect(first).toMatchObject({ kind: 'no-data', reason: 'the exposition has no samples' });
  });

  it('turns a bucket that is not a number into an error, not a quantile', async () => {
    const clock = new ManualClock();
    const scrape = provider({ metrics: ['latency-p95'] }, clock);
    const text = (n: string) => `http_request_duration_seconds_bucket{le="0.1"} ${n}\nhttp_request_duration_seconds_bucket{le="+Inf"} 10\n`;
    serve(text('5'));
    await scrape.measure(canary);
    clock.advance(5);
    serve(text('five'));
    expect((await scrape.measure(canary))[0]).toMatchObject({ kind: 'error', error: 'http_request_duration_seconds_bucket{le="0.1"} is NaN' });
  });

  it('names the policy path of a configuration mistake', () => {
    expect(() => provider({ metrics: ['health-check'] })).toThrow(ConfigurationError);
    expect(() => provider({ metrics: ['health-check'] })).toThrow(/^health\.providers\[0\]\.metrics\[0\]: /);
    expect(() => provider({ names: { requests: 'http-requests' } })).toThrow(/^health\.providers\[0\]\.names\.requests: expected a Prometheus metric name/);
  });
});
