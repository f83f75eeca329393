// The MetricsProvider contract, run against the fake and every real provider kind (built through the registry),
// with a live sample app and a real Prometheus as their sources and a dead loopback port as the one that is down.
import { afterAll, beforeAll } from '@jest/globals';
import type { MetricsProvider } from '@safe-deploy/core';
import { createMetricsProvider, type MetricsProviderConfig } from '../../packages/adapters/src/metrics';
import { deadUrl } from '../../packages/adapters/src/metrics/test-support/start-scripted-server';
import { FakeClock } from '../../packages/testing/src/builders';
import { FakeMetricsProvider } from '../../packages/testing/src/fakes';
import { generateLoad } from '../support/generate-load';
import { describeMetricsProviderContract } from '../support/metrics-provider-contract';
import { startPrometheus, type LocalPrometheus } from '../support/start-prometheus';
import { startSampleApp, type SampleApp } from '../support/start-sample-app';

let app: SampleApp;
let prometheus: LocalPrometheus;

beforeAll(async () => {
  app = await startSampleApp({ track: 'canary', version: 'v1', memoryLimitMb: 512 });
  const load = generateLoad({ url: `${app.url}/`, ratePerSecond: 20, durationSeconds: 30 });
  prometheus = await startPrometheus({ targets: [{ url: app.metricsUrl, job: 'contract' }] });
  // A second scrape, so that rates over the window have two samples.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await load.stop();
});

afterAll(async () => {
  await prometheus?.close();
  await app?.close();
});

/** Builds a provider through the registry, as an action would from the policy. */
const build = (config: MetricsProviderConfig, fastRetries = false): MetricsProvider => createMetricsProvider(config, 0, fastRetries ? { clock: new FakeClock() } : {});
const someTraffic = async () => {
  for (let i = 0; i < 10; i++) await (await fetch(`${app.url}/`)).arrayBuffer();
};

describeMetricsProviderContract('FakeMetricsProvider', {
  healthy: async () => new FakeMetricsProvider({ calls: [{ 'error-rate': { value: 0.5, counts: { requests: 400, errors: 2 } }, 'latency-p95': 180, 'health-check': 1, 'memory-bytes': 5e7 }] }),
  dead: async () => FakeMetricsProvider.unreachable(['error-rate', 'latency-p95', 'health-check']),
  expectedMetrics: ['error-rate', 'latency-p95', 'health-check'],
});

describeMetricsProviderContract('http', {
  healthy: async () => build({ kind: 'http', url: app.healthUrl }),
  dead: async () => build({ kind: 'http', url: await deadUrl('/health') }, true),
  expectedMetrics: ['health-check', 'error-rate', 'availability', 'latency-p95'],
});

describeMetricsProviderContract('prometheus', {
  healthy: async () => build({ kind: 'prometheus', url: prometheus.url, window: '10s', matchers: 'job="contract"' }),
  dead: async () => build({ kind: 'prometheus', url: await deadUrl() }, true),
  expectedMetrics: ['request-rate', 'error-rate', 'availability', 'latency-p50', 'latency-p95', 'latency-p99', 'memory-bytes', 'cpu-percent'],
});

describeMetricsProviderContract('prometheus-scrape', {
  healthy: async () => build({ kind: 'prometheus-scrape', url: app.metricsUrl }),
  warmUp: async (provider, query) => {
    await provider.measure(query);
    await someTraffic();
  },
  dead: async () => build({ kind: 'prometheus-scrape', url: await deadUrl('/metrics') }, true),
  expectedMetrics: ['request-rate', 'error-rate', 'availability', 'latency-p95', 'memory-bytes'],
});

const script = 'console.log(JSON.stringify([{ metric: "error-rate", value: 0.2, unit: "percent", counts: { requests: 500, errors: 1 } }, { metric: "latency-p95", value: 90, unit: "ms" }]))';
describeMetricsProviderContract('command', {
  healthy: async () => build({ kind: 'command', command: [process.execPath, '-e', script], metrics: ['error-rate', 'latency-p95'] }),
  dead: async () => build({ kind: 'command', command: [process.execPath, '-e', 'console.error("APM unreachable"); process.exit(3)'], metrics: ['error-rate', 'latency-p95'], retries: 2 }, true),
  expectedMetrics: ['error-rate', 'latency-p95'],
});
