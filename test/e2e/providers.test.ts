// End to end: a real Prometheus scrapes real sample apps (canary, stable, idle) every second under bounded load;
// the prometheus provider reads them through PromQL, the prometheus-scrape provider reads the canary's /metrics
// directly, and the http provider its /health. Faults are switched on the canary mid-run; Prometheus is stopped
// at the end. Windows are 10 s, so the whole file takes about 35 s.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Clock, Measurement, MetricName, MetricsProvider, MetricsQuery, ValueMeasurement } from '@safe-deploy/core';
import { createMetricsProvider, type MetricsProviderConfig } from '../../packages/adapters/src/metrics';
import { generateLoad, type LoadRun } from '../support/generate-load';
import { startPrometheus, type LocalPrometheus } from '../support/start-prometheus';
import { startSampleApp, type SampleApp } from '../support/start-sample-app';

const WINDOW_SECONDS = 10;
const canaryQuery: MetricsQuery = { track: 'canary', environment: 'e2e', windowSeconds: WINDOW_SECONDS };
const stableQuery: MetricsQuery = { ...canaryQuery, track: 'stable' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The real time, but retries that do not wait: a dead server must not slow the test down. */
const noWaitClock: Clock = { now: () => new Date(), sleep: async () => {} };

let canary: SampleApp;
let stable: SampleApp;
let idle: SampleApp;
let prometheus: LocalPrometheus;
let loads: LoadRun[] = [];

const build = (config: MetricsProviderConfig) => createMetricsProvider(config, 0, { clock: noWaitClock });
const byMetric = (measurements: Measurement[]) => new Map<MetricName, Measurement>(measurements.map((m) => [m.metric, m]));
function valueOf(measurements: Map<MetricName, Measurement>, metric: MetricName): ValueMeasurement {
  const m = measurements.get(metric);
  if (m?.kind !== 'value') throw new Error(`${metric} is not a value: ${JSON.stringify(m)}`);
  return m;
}

/** Measures until `ready` holds (Prometheus scrapes every second, so a window can trail by a scrape), at most `timeoutMs`. */
async function measureUntil(provider: MetricsProvider, query: MetricsQuery, ready: (m: Map<MetricName, Measurement>) => boolean, timeoutMs = 6000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const measurements = byMetric(await provider.measure(query));
    if (ready(measurements) || Date.now() > deadline) return measurements;
    await sleep(500);
  }
}
const isValue = (m: Map<MetricName, Measurement>, metric: MetricName, check: (value: number) => boolean = () => true) => {
  const found = m.get(metric);
  return found?.kind === 'value' && check(found.value);
};

beforeAll(async () => {
  [canary, stable, idle] = await Promise.all([
    startSampleApp({ track: 'canary', version: 'v2', memoryLimitMb: 512 }),
    startSampleApp({ track: 'stable', version: 'v1', memoryLimitMb: 512 }),
    startSampleApp({ track: 'canary', version: 'v2-idle' }),
  ]);
  // The idle app serves a few requests now and none after: its series exist, its windows will be empty.
  for (let i = 0; i < 5; i++) await (await fetch(`${idle.url}/`)).arrayBuffer();
  // Load runs while Prometheus starts (its first scrape comes ~6 s later); it stops by itself after 60 s.
  loads = [canary, stable].map((app) => generateLoad({ url: `${app.url}/shop`, ratePerSecond: 40, durationSeconds: 60 }));
  prometheus = await startPrometheus({
    targets: [
      { url: canary.metricsUrl, job: 'canary' },
      { url: stable.metricsUrl, job: 'stable' },
      { url: idle.metricsUrl, job: 'idle' },
    ],
  });
});

afterAll(async () => {
  await Promise.all(loads.map((load) => load.stop()));
  await prometheus?.close();
  await Promise.all([canary?.close(), stable?.close(), idle?.close()]);
});

describe('metrics providers against a real Prometheus and the real sample app', () => {
  const prom = () => build({ kind: 'prometheus', name: 'prom', url: prometheus.url, window: `${WINDOW_SECONDS}s`, matchers: 'job=~"canary|stable"', metrics: ['request-rate', 'error-rate', 'availability', 'latency-p50', 'latency-p95', 'latency-p99', 'memory-bytes', 'memory-percent', 'cpu-percent', 'db-connection-errors', 'custom:memory-growth-percent-per-minute'] });
  let scrape: MetricsProvider;
  let health: MetricsProvider;
  let healthy: Map<MetricName, Measurement>;
  let healthyStable: Map<MetricName, Measurement>;
  let faulty: Map<MetricName, Measurement>;
  let faultyStable: Map<MetricName, Measurement>;
  let scrapedHealthy: Map<MetricName, Measurement>;
  let scrapedFaulty: Map<MetricName, Measurement>;
  let healthBefore: Map<MetricName, Measurement>;
  let healthAfter: Measurement[][];

  beforeAll(async () => {
    scrape = build({ kind: 'prometheus-scrape', name: 'scrape', url: canary.metricsUrl });
    health = build({ kind: 'http', name: 'health', url: canary.healthUrl });
    // First scrape: the provider's starting point.
    await scrape.measure(canaryQuery);
    healthBefore = byMetric(await health.measure(canaryQuery));

    // Healthy phase: wait until Prometheus' samples cover a whole window (rate() divides by the window, so a
    // window only partly scraped reads low), i.e. the request rate reaches the load's 40/s.
    healthy = await measureUntil(prom(), canaryQuery, (m) => isValue(m, 'error-rate') && isValue(m, 'latency-p95') && isValue(m, 'request-rate', (v) => v > 36), 20_000);
    healthyStable = byMetric(await prom().measure(stableQuery));
    scrapedHealthy = byMetric(await scrape.measure(canaryQuery));

    // Faults on the canary only: 20 % errors, 10 % database errors, +300 ms, 240 MB/min of memory, failing health.
    await canary.setFaults({ errorRate: 20, dbErrors: 10, latencyMs: 300, memoryGrowthMbPerMin: 240, failHealth: true });
    healthAfter = [await health.measure(canaryQuery), await health.measure(canaryQuery)];
    await sleep((WINDOW_SECONDS + 1) * 1000);
    scrapedFaulty = byMetric(await scrape.measure(canaryQuery));
    faulty = await measureUntil(prom(), canaryQuery, (m) => isValue(m, 'latency-p95', (v) => v > 250) && isValue(m, 'error-rate', (v) => v > 20));
    faultyStable = byMetric(await prom().measure(stableQuery));
  });

  it('reads request and error counts, error rate, latency, memory and cpu of a healthy canary', () => {
    const errorRate = valueOf(healthy, 'error-rate');
    expect(errorRate).toMatchObject({ value: 0, unit: 'percent', windowSeconds: WINDOW_SECONDS, counts: { errors: 0 } });
    expect(errorRate.counts?.requests).toBeGreaterThan(300);
    expect(valueOf(healthy, 'availability').value).toBe(100);
    expect(valueOf(healthy, 'request-rate').value).toBeGreaterThan(36);
    expect(valueOf(healthy, 'request-rate').value).toBeLessThan(44);
    const p95 = valueOf(healthy, 'latency-p95');
    expect(p95.value).toBeLessThan(100);
    expect(p95.histogram?.at(-1)).toEqual({ le: Infinity, count: expect.any(Number) });
    expect(p95.histogram?.map((b) => b.le)).toEqual([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity]);
    expect(valueOf(healthy, 'memory-bytes').value).toBeGreaterThan(20 * 1024 * 1024);
    const memoryPercent = valueOf(healthy, 'memory-percent').value;
    expect(memoryPercent).toBeGreaterThan(1);
    expect(memoryPercent).toBeLessThan(60);
    expect(valueOf(healthy, 'cpu-percent').unit).toBe('percent');
    expect(valueOf(healthy, 'db-connection-errors').value).toBe(0);
  });

  it('sees the error spike as counts: the error rate rises on the canary, not on stable', () => {
    const before = valueOf(healthy, 'error-rate');
    const after = valueOf(faulty, 'error-rate');
    // 10 % database errors, then 20 % of the rest: 28 % of requests fail.
    expect(after.value).toBeGreaterThan(20);
    expect(after.value).toBeLessThan(36);
    expect(after.counts?.errors).toBeGreaterThan(20);
    expect(after.value).toBeCloseTo((100 * (after.counts?.errors ?? 0)) / (after.counts?.requests ?? 1), 6);
    expect(before.value).toBe(0);
    expect(valueOf(faultyStable, 'error-rate').value).toBe(0);
    expect(valueOf(faulty, 'availability').value).toBeCloseTo(100 - after.value, 6);
    expect(valueOf(faulty, 'db-connection-errors').value).toBeGreaterThan(5);
  });

  it('sees the latency fault: p95 rises above the added 300 ms on the canary, not on stable', () => {
    expect(valueOf(healthy, 'latency-p95').value).toBeLessThan(100);
    expect(valueOf(faulty, 'latency-p95').value).toBeGreaterThan(250);
    expect(valueOf(faulty, 'latency-p50').value).toBeGreaterThan(250);
    expect(valueOf(faultyStable, 'latency-p95').value).toBeLessThan(100);
    expect(valueOf(healthyStable, 'latency-p95').value).toBeLessThan(100);
  });

  it('sees memory grow (bytes, percent of the limit, and growth per minute from a range query)', () => {
    const grown = valueOf(faulty, 'memory-bytes').value - valueOf(healthy, 'memory-bytes').value;
    expect(grown).toBeGreaterThan(20 * 1024 * 1024);
    expect(valueOf(faulty, 'memory-percent').value).toBeGreaterThan(valueOf(healthy, 'memory-percent').value);
    expect(valueOf(faulty, 'custom:memory-growth-percent-per-minute').value).toBeGreaterThan(50);
  });

  it('gives the same picture from the canary’s /metrics directly (prometheus-scrape)', () => {
    const before = valueOf(scrapedHealthy, 'error-rate');
    expect(before.value).toBe(0);
    expect(before.counts?.requests).toBeGreaterThan(100);
    const after = valueOf(scrapedFaulty, 'error-rate');
    expect(after.counts?.requests).toBeGreaterThan(300);
    expect(Math.abs(after.value - valueOf(faulty, 'error-rate').value)).toBeLessThan(8);
    expect(valueOf(scrapedHealthy, 'latency-p95').value).toBeLessThan(100);
    const p95 = valueOf(scrapedFaulty, 'latency-p95').value;
    expect(p95).toBeGreaterThan(250);
    expect(Math.abs(p95 - valueOf(faulty, 'latency-p95').value)).toBeLessThan(100);
    expect(valueOf(scrapedFaulty, 'db-connection-errors').value).toBeGreaterThan(5);
    expect(valueOf(scrapedFaulty, 'memory-bytes').value).toBeGreaterThan(valueOf(scrapedHealthy, 'memory-bytes').value + 20 * 1024 * 1024);
  });

  it("sees the failing health endpoint and counts consecutive failures (http)", () => {
    expect(healthBefore.get('health-check')).toMatchObject({ kind: 'value', value: 1 });
    expect(healthBefore.get('custom:consecutive-failures')).toMatchObject({ value: 0 });
    const [first, second] = healthAfter.map(byMetric);
    expect(first?.get('health-check')).toMatchObject({ kind: 'value', value: 0 });
    expect(first?.get('health-check')?.source).toContain('HTTP 503, expected 200; status is "unhealthy"');
    expect(first?.get('custom:consecutive-failures')).toMatchObject({ value: 1 });
    expect(second?.get('custom:consecutive-failures')).toMatchObject({ value: 2 });
  });

  it('reports no traffic as no-data, from Prometheus and from the exposition', async () => {
    const idleProm = build({ kind: 'prometheus', name: 'idle', url: prometheus.url, window: `${WINDOW_SECONDS}s`, matchers: 'job="idle"' });
    const m = byMetric(await idleProm.measure(canaryQuery));
    expect(m.get('error-rate')).toMatchObject({ kind: 'no-data', reason: `no requests in the last ${WINDOW_SECONDS}s` });
    expect(m.get('availability')).toMatchObject({ kind: 'no-data' });
    expect(m.get('latency-p95')).toMatchObject({ kind: 'no-data', reason: `the result is NaN: nothing was observed in the last ${WINDOW_SECONDS}s` });
    expect(m.get('request-rate')).toMatchObject({ kind: 'value', value: 0 });
    expect(m.get('memory-bytes')).toMatchObject({ kind: 'value' });

    const idleScrape = build({ kind: 'prometheus-scrape', url: idle.metricsUrl });
    await idleScrape.measure(canaryQuery);
    await sleep(200);
    const scraped = byMetric(await idleScrape.measure(canaryQuery));
    expect(scraped.get('error-rate')).toMatchObject({ kind: 'no-data' });
    expect(scraped.get('latency-p95')).toMatchObject({ kind: 'no-data' });
  });

  it('turns a Prometheus that stopped mid-way into error measurements, without throwing', async () => {
    const provider = prom();
    await prometheus.stop();
    const measurements = await provider.measure(canaryQuery);
    expect(measurements).toHaveLength(11);
    for (const m of measurements) {
      expect(m).toMatchObject({ kind: 'error', provider: 'prom', attempts: 3 });
      expect((m as { error: string }).error).toContain('ECONNREFUSED');
    }
  });
});
