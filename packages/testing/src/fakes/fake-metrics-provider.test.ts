import { describe, expect, it } from '@jest/globals';
import type { MetricsQuery } from '@safe-deploy/core';
import { FakeMetricsProvider } from './fake-metrics-provider';

const at = new Date('2026-01-01T00:00:00Z');
const canary: MetricsQuery = { track: 'canary', environment: 'production', windowSeconds: 60 };
const stable: MetricsQuery = { ...canary, track: 'stable' };

describe('FakeMetricsProvider', () => {
  it('answers each call from its script, stamped like a real provider, in canonical units', async () => {
    const fake = new FakeMetricsProvider({
      name: 'prom',
      now: () => at,
      calls: [{ 'error-rate': { value: 1, counts: { requests: 200, errors: 2 } }, 'latency-p95': 250 }, { 'error-rate': { error: 'HTTP 503', attempts: 3 }, 'latency-p95': { noData: 'no traffic' } }],
    });
    expect(await fake.measure(canary)).toEqual([
      { provider: 'prom', metric: 'error-rate', track: 'canary', at: at.toISOString(), source: 'fake:prom:error-rate', kind: 'value', value: 1, unit: 'percent', counts: { requests: 200, errors: 2 } },
      { provider: 'prom', metric: 'latency-p95', track: 'canary', at: at.toISOString(), source: 'fake:prom:latency-p95', kind: 'value', value: 250, unit: 'ms' },
    ]);
    expect((await fake.measure(canary)).map((m) => m.kind)).toEqual(['error', 'no-data']);
    expect((await fake.measure(canary)).map((m) => m.kind)).toEqual(['error', 'no-data']);
    expect(fake.queries).toEqual([canary, canary, canary]);
  });

  it('keeps a script per track', async () => {
    const fake = new FakeMetricsProvider({ calls: { canary: [{ 'error-rate': 9 }], stable: [{ 'error-rate': 1 }, { 'error-rate': 2 }] } });
    expect((await fake.measure(stable))[0]).toMatchObject({ value: 1, track: 'stable' });
    expect((await fake.measure(canary))[0]).toMatchObject({ value: 9, track: 'canary' });
    expect((await fake.measure(stable))[0]).toMatchObject({ value: 2 });
  });

  it('answers as an unreadable source when told to once the script ends', async () => {
    const fake = new FakeMetricsProvider({ calls: [{ 'latency-p95': 100 }], afterScript: 'unreadable' });
    await fake.measure(canary);
    expect(await fake.measure(canary)).toEqual([expect.objectContaining({ kind: 'error', metric: 'latency-p95', error: "the fake's script ended after 1 call(s)" })]);
  });

  it('models a source that is down', async () => {
    const measurements = await FakeMetricsProvider.unreachable(['error-rate', 'latency-p95']).measure(canary);
    expect(measurements.map((m) => [m.metric, m.kind])).toEqual([['error-rate', 'error'], ['latency-p95', 'error']]);
  });
});
