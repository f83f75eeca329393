import { describe, expect, it } from '@jest/globals';
import { captureBaseline } from './baseline';
import { disjointWindows, type HealthCheck } from './health-history';
import type { Measurement } from './measurement';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();
const check = (second: number, requests: number, errors: number, p95: number, windowSeconds?: number): HealthCheck => ({
  at: at(second),
  measurements: [
    { kind: 'value', provider: 'prom', metric: 'error-rate', track: 'current', at: at(second), source: 'q', value: (100 * errors) / requests, unit: 'percent', counts: { requests, errors }, ...(windowSeconds ? { windowSeconds } : {}) },
    { kind: 'value', provider: 'prom', metric: 'latency-p95', track: 'current', at: at(second), source: 'q', value: p95, unit: 'ms' },
  ] as Measurement[],
});

describe('captureBaseline', () => {
  it('takes the median of each metric and sums counts of disjoint windows', () => {
    const baseline = captureBaseline([check(0, 100, 1, 200), check(60, 100, 2, 900), check(120, 100, 1, 210)], 'current', 7);
    expect(baseline).toEqual({ 'captured-at': at(120), 'deployment-id': 7, 'window-seconds': 120, metrics: { 'error-rate': 1, 'latency-p95': 210 }, counts: { requests: 300, errors: 4 } });
  });

  it('counts each request once when the query window is longer than the check interval', () => {
    // Checks every second over a 5 s window: each count covers the last 5 s, so only every fifth one is new
    // (those at 0, 5 and 10 s cover three disjoint windows).
    const history = Array.from({ length: 11 }, (_, i) => check(i, 200, 2, 100, 5));
    expect(captureBaseline(history, 'current')?.counts).toEqual({ requests: 600, errors: 6 });
    expect(disjointWindows(history.map((c) => c.measurements[0] as Extract<Measurement, { kind: 'value' }>)).map((m) => m.at)).toEqual([at(0), at(5), at(10)]);
  });

  it('gives nothing for an empty history', () => {
    expect(captureBaseline([], 'current')).toBeUndefined();
  });
});
