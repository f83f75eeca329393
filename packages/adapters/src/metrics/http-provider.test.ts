import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigurationError, type Measurement, type MetricsQuery } from '@safe-deploy/core';
import { HttpProvider } from './http-provider';
import { ManualClock } from './test-support/manual-clock';
import { deadUrl, startScriptedServer, type ScriptedReply, type ScriptedServer } from './test-support/start-scripted-server';

const query: MetricsQuery = { track: 'canary', environment: 'production', windowSeconds: 60, version: 'abc123' };
const seed004 = { status: 'healthy', error_rate: 1.5, availability: 99.5, response_time: 150, timestamp: '2026-02-08T12:00:00Z' };

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function provider(options: Record<string, unknown> = {}, clock = new ManualClock()) {
  return HttpProvider.fromConfig({ kind: 'http', name: 'app', url: `${server.url}/health`, ...options }, 'health.providers[0]', { clock });
}

async function measureWith(reply: ScriptedReply, options: Record<string, unknown> = {}): Promise<Record<string, Measurement>> {
  server.answer(() => reply);
  const measurements = await provider(options).measure(query);
  return Object.fromEntries(measurements.map((m) => [m.metric, m]));
}

describe('HttpProvider', () => {
  it("reads seed 004's health JSON into health-check, error rate, availability and p95", async () => {
    server.answer(() => ({ body: seed004 }));
    const measurements = await provider().measure(query);
    expect(measurements).toEqual([
      { provider: 'app', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'health-check', value: 1, unit: 'boolean', source: `GET ${server.url}/health (HTTP 200, status "healthy")` },
      { provider: 'app', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'error-rate', value: 1.5, unit: 'percent', source: `GET ${server.url}/health → error_rate` },
      { provider: 'app', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'availability', value: 99.5, unit: 'percent', source: `GET ${server.url}/health → availability` },
      { provider: 'app', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'latency-p95', value: 150, unit: 'ms', source: `GET ${server.url}/health → response_time` },
      { provider: 'app', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'custom:consecutive-failures', value: 0, unit: 'count', source: `GET ${server.url}/health (failed probes in a row)` },
    ]);
  });

  it.each([
    ['an unexpected HTTP status', { status: 503, body: { ...seed004, status: 'healthy' } }, 'HTTP 503, expected 200'],
    ['an unhealthy status value', { body: { ...seed004, status: 'unhealthy' } }, 'status is "unhealthy"'],
    ['a degraded status value (not in healthy-values)', { body: { ...seed004, status: 'degraded' } }, 'status is "degraded"'],
    ['a body without the status field', { body: { error_rate: 1 } }, 'no status in the body'],
    ["a proxy's HTML page with 200", { body: '<html>Welcome to nginx</html>', contentType: 'text/html' }, 'the body is not JSON (HTTP 200, text/html'],
  ])('fails the health check on %s', async (_name, reply, evidence) => {
    const m = await measureWith(reply);
    expect(m['health-check']).toMatchObject({ kind: 'value', value: 0 });
    expect(m['health-check']?.source).toContain(evidence);
  });

  it('accepts configured statuses and status values, case-insensitively', async () => {
    const m = await measureWith({ status: 202, body: { state: 'UP' } }, { 'expected-status': [200, 202], fields: { status: 'state' }, metrics: ['health-check'] });
    expect(m['health-check']).toMatchObject({ value: 1 });
  });

  it.each([
    ['a string that is not a number', { error_rate: 'abc' }, 'error-rate', 'error', 'error_rate is "abc", not a number'],
    ['"NaN"', { error_rate: 'NaN' }, 'error-rate', 'error', 'the value is NaN'],
    ['"Infinity"', { error_rate: 'Infinity' }, 'error-rate', 'error', 'the value is +Inf'],
    ['a negative rate', { error_rate: -2 }, 'error-rate', 'error', 'the value -2 is negative'],
    ['a rate above 100 %', { availability: 250 }, 'availability', 'error', 'the value 250 is above 100 %'],
    ['a negative response time', { response_time: -5 }, 'latency-p95', 'error', 'negative'],
    ['a missing field', { error_rate: undefined }, 'error-rate', 'no-data', 'the body has no error_rate'],
  ])('never turns %s into a value', async (_name, patch, metric, kind, text) => {
    const m = await measureWith({ body: { ...seed004, ...patch } });
    const measurement = m[metric];
    expect(measurement).toMatchObject({ kind });
    expect(measurement?.kind === 'error' ? measurement.error : measurement?.kind === 'no-data' ? measurement.reason : '').toContain(text);
  });

  it('accepts numbers sent as strings', async () => {
    const m = await measureWith({ body: { ...seed004, error_rate: '2.5' } });
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 2.5 });
  });

  it('reports malformed JSON and HTML error pages as errors, not values', async () => {
    for (const reply of [{ status: 502, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' }, { body: '{"status": "healthy", "error_rate": 1.', contentType: 'application/json' }]) {
      const m = await measureWith(reply);
      expect(m['health-check']).toMatchObject({ kind: 'value', value: 0 });
      expect(m['error-rate']).toMatchObject({ kind: 'error', attempts: 1 });
      expect(m.availability).toMatchObject({ kind: 'error' });
      expect((m['error-rate'] as { error: string }).error).toContain('the body is not JSON');
    }
  });

  it('reports an empty body as no-data', async () => {
    const m = await measureWith({ status: 200, body: '' }, { fields: { status: false } });
    expect(m['health-check']).toMatchObject({ value: 1 });
    expect(m['error-rate']).toMatchObject({ kind: 'no-data', reason: 'the body of HTTP 200 is empty' });
  });

  it('uses its own latency when the body has no response time, and says so', async () => {
    const m = await measureWith({ body: { status: 'ok', error_rate: 0, availability: 100 } });
    expect(m['latency-p95']).toMatchObject({ kind: 'value', unit: 'ms' });
    expect(m['latency-p95']?.source).toBe(`GET ${server.url}/health → probe latency (the body has no response_time)`);
  });

  it('maps other shapes with dotted paths and converts ratios and seconds', async () => {
    const body = { data: { errors: { ratio: 0.025 }, uptime: { ratio: 0.975 }, timing: { p95_seconds: 0.42 } }, health: { state: 'pass' } };
    const m = await measureWith(
      { body },
      {
        fields: {
          status: 'health.state',
          'error-rate': { path: 'data.errors.ratio', unit: 'ratio' },
          availability: { path: 'data.uptime.ratio', unit: 'ratio' },
          'response-time': { path: 'data.timing.p95_seconds', unit: 's' },
        },
      },
    );
    expect(m['health-check']).toMatchObject({ value: 1 });
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 2.5, unit: 'percent', source: `GET ${server.url}/health → data.errors.ratio` });
    expect(m.availability).toMatchObject({ value: 97.5 });
    expect(m['latency-p95']).toMatchObject({ value: 420, unit: 'ms' });
  });

  it('attaches request and error counts when the body has them, and derives the rate from them', async () => {
    const m = await measureWith({ body: { status: 'healthy', stats: { total: 400, failed: 10 } } }, { fields: { requests: 'stats.total', errors: 'stats.failed' } });
    expect(m['error-rate']).toMatchObject({ kind: 'value', value: 2.5, counts: { requests: 400, errors: 10 } });
    expect(m.availability).toMatchObject({ kind: 'value', value: 97.5 });
  });

  it('counts consecutive failures per URL across calls and resets on a healthy probe', async () => {
    const clock = new ManualClock();
    const http = provider({ retries: 0 }, clock);
    const streak = async () => (await http.measure(query)).find((m) => m.metric === 'custom:consecutive-failures');
    server.answer(() => ({ status: 503, body: { status: 'unhealthy' } }));
    expect(await streak()).toMatchObject({ kind: 'value', value: 1 });
    expect(await streak()).toMatchObject({ value: 2 });
    expect(http.consecutiveFailures(query)).toBe(2);
    server.answer(() => ({ body: seed004 }));
    expect(await streak()).toMatchObject({ value: 0 });
    expect(http.consecutiveFailures(query)).toBe(0);
  });

  it('retries a dead endpoint with exponential backoff, then reports errors for every metric (and counts the failure)', async () => {
    const clock = new ManualClock();
    const http = HttpProvider.fromConfig({ kind: 'http', url: await deadUrl('/health'), retries: 3, 'retry-delay': '500ms' }, 'health.providers[0]', { clock });
    const measurements = await http.measure(query);
    expect(clock.sleeps).toEqual([0.5, 1, 2]);
    const byMetric = Object.fromEntries(measurements.map((m) => [m.metric, m]));
    for (const metric of ['health-check', 'error-rate', 'availability', 'latency-p95']) {
      expect(byMetric[metric]).toMatchObject({ kind: 'error', attempts: 4, provider: 'http' });
      expect((byMetric[metric] as { error: string }).error).toMatch(/could not reach .*ECONNREFUSED/);
    }
    expect(byMetric['custom:consecutive-failures']).toMatchObject({ kind: 'value', value: 1 });
  });

  it('times out a slow endpoint and retries it', async () => {
    server.answer(() => ({ body: seed004, delayMs: 1500 }));
    const clock = new ManualClock();
    const m = await provider({ timeout: '200ms', retries: 1 }, clock).measure(query);
    expect(m[0]).toMatchObject({ kind: 'error', attempts: 2, error: `no answer from ${server.url}/health within 0.2 s` });
    expect(clock.sleeps).toEqual([1]);
  });

  it('renders the URL template per query, escaping values', async () => {
    server.answer(() => ({ body: seed004 }));
    const templated = HttpProvider.fromConfig({ kind: 'http', url: `${server.url}/{{environment}}/{{track}}/health?v={{version}}` }, 'health.providers[0]', { clock: new ManualClock() });
    await templated.measure({ ...query, environment: 'eu west' });
    expect(server.requests.at(-1)).toMatchObject({ path: '/eu%20west/canary/health' });
    expect(server.requests.at(-1)?.query.get('v')).toBe('abc123');
    const [first] = await templated.measure({ ...query, version: undefined });
    expect(first).toMatchObject({ kind: 'error', attempts: 0, error: 'the url uses {{version}}, unknown for the canary track' });
  });

  it('sends configured headers', async () => {
    server.answer(() => ({ body: seed004 }));
    await provider({ headers: { authorization: 'Bearer t0ken' } }).measure(query);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer t0ken');
  });

  it('reports only the chosen metrics', async () => {
    const m = await measureWith({ body: seed004 }, { metrics: ['health-check', 'latency-p95'] });
    expect(Object.keys(m)).toEqual(['health-check', 'latency-p95']);
  });

  it.each([
    [{ url: undefined }, 'health.providers[2].url', 'is missing'],
    [{ url: 'not a url' }, 'health.providers[2].url', 'expected an absolute http(s) URL'],
    [{ url: 'http://x/{{trak}}' }, 'health.providers[2].url', 'unknown variable {{trak}}'],
    [{ urll: 'http://x' }, 'health.providers[2]', "unknown option 'urll'"],
    [{ 'expected-status': 700 }, 'health.providers[2].expected-status', ''],
    [{ fields: { 'error-rate': { path: 'x', unit: 'permille' } } }, 'health.providers[2].fields.error-rate', ''],
    [{ timeout: 'soon' }, 'health.providers[2].timeout', 'expected a duration'],
    [{ metrics: ['error-rate'], fields: { 'error-rate': false } }, 'health.providers[2].fields.error-rate', 'is false, but metrics lists error-rate'],
  ])('names the policy path of a configuration mistake: %j', (patch, where, problem) => {
    const config = { kind: 'http', url: 'http://127.0.0.1:1/health', ...patch };
    let error: unknown;
    try {
      HttpProvider.fromConfig(config, 'health.providers[2]');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).where).toBe(where);
    expect((error as ConfigurationError).message).toContain(problem);
  });

  it('suggests the option meant by a typo', () => {
    expect(() => HttpProvider.fromConfig({ kind: 'http', url: 'http://127.0.0.1:1/', retires: 2 }, 'health.providers[0]')).toThrow("Did you mean 'retries'?");
  });
});
