import { describe, expect, it } from '@jest/globals';
import { defaultPolicy } from '../policy/policy-schema';
import { assessHealth } from './assess-health';
import type { Baseline } from './baseline';
import type { HealthCheck } from './health-history';
import type { Measurement, MetricName } from './measurement';

const policy = defaultPolicy().health;
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();
const value = (metric: MetricName, v: number, extra: Partial<Extract<Measurement, { kind: 'value' }>> = {}): Measurement => ({
  kind: 'value', provider: 'app', metric, track: 'current', at: '', source: `q:${metric}`, value: v, unit: metric.startsWith('latency') ? 'ms' : 'percent', ...extra,
});
const checks = (...rows: Measurement[][]): HealthCheck[] => rows.map((measurements, i) => ({ at: at(i * 60), measurements: measurements.map((m) => ({ ...m, at: at(i * 60) })) }));
const judge = (history: HealthCheck[], baseline?: Baseline) => assessHealth({ history, now: history.at(-1)?.at ?? at(0), track: 'current', mode: 'release', policy, ...(baseline ? { baseline } : {}) });
const healthy = [value('error-rate', 0.5, { counts: { requests: 1000, errors: 5 } }), value('availability', 99.9), value('latency-p95', 300), value('health-check', 1, { unit: 'boolean' })];

describe('assessHealth', () => {
  it('is healthy when every rule passes, and says why', () => {
    const result = judge(checks(healthy, healthy));
    expect(result).toMatchObject({ verdict: 'healthy', triggers: [], shouldRollback: false });
    expect(result.reasons.map((r) => r.sentence)).toContain('The error rate is 0.5 %, within the warning level of 3 %.');
  });

  it.each([
    ['an error rate above 5 %', [value('error-rate', 7.2, { counts: { requests: 1000, errors: 72 } })], 'unhealthy', 'absolute-error-rate', 'The error rate is 7.2 %, above the critical limit of 5 %.'],
    ['an error rate above the 3 % warning level', [value('error-rate', 3.5)], 'degraded', 'absolute-error-rate', 'The error rate is 3.5 %, above the warning level of 3 %.'],
    ['availability below 99 %', [value('availability', 98.2)], 'unhealthy', 'absolute-availability', 'The availability is 98.2 %, below the critical limit of 99 %.'],
    ['a p95 above 2000 ms', [value('latency-p95', 2500)], 'unhealthy', 'absolute-latency-p95', 'The p95 response time is 2500 ms, above the critical limit of 2000 ms.'],
    ['memory above 90 %', [value('memory-percent', 93)], 'unhealthy', 'memory-percent', 'Memory use is 93 %, above the limit of 90 %.'],
  ] as const)('fires on %s', (_name, latest, verdict, trigger, sentence) => {
    const result = judge(checks(healthy, [...latest]));
    expect(result.verdict).toBe(verdict);
    expect(result.triggers).toEqual([trigger]);
    expect(result.reasons[0]).toMatchObject({ code: trigger, sentence, source: `q:${latest[0]?.metric}` });
    expect(result.shouldRollback).toBe(verdict === 'unhealthy');
  });

  it('holds instead of judging an error rate from too few requests (insufficient data, never a failure)', () => {
    const result = judge(checks([value('error-rate', 50, { counts: { requests: 4, errors: 2 } })]));
    expect(result).toMatchObject({ verdict: 'inconclusive', shouldRollback: false });
    expect(result.reasons[0]).toMatchObject({ code: 'insufficient-data', sentence: 'Only 4 requests in the window (minimum 100): the error rate of 50 % is not judged yet.' });
  });

  it('pools the newest windows when the latest has too few requests (a canary at 5 % of low traffic)', () => {
    const few = (errors: number) => value('error-rate', (100 * errors) / 40, { counts: { requests: 40, errors } });
    const result = judge(checks([few(1)], [few(3)], [few(4)]));
    expect(result.verdict).toBe('unhealthy');
    expect(result.reasons[0]).toMatchObject({ code: 'absolute-error-rate', value: expect.closeTo(6.667, 2), source: 'q:error-rate (last 3 checks pooled)', sentence: 'The error rate is 6.67 %, above the critical limit of 5 %.' });
    expect(judge(checks([few(0)], [few(1)])).reasons[0]).toMatchObject({ code: 'insufficient-data', sentence: 'Only 80 requests in the window (minimum 100): the error rate of 1.25 % is not judged yet.' });
  });

  it('detects memory growth faster than 20 %/min', () => {
    const bytes = (v: number) => value('memory-bytes', v, { unit: 'bytes' });
    const result = judge(checks([bytes(100e6)], [bytes(130e6)], [bytes(170e6)]));
    expect(result.verdict).toBe('unhealthy');
    expect(result.reasons[0]).toMatchObject({ code: 'memory-growth', value: 35, sentence: 'Memory grew 35 %/min over the last 2 min (95.4 MiB → 162 MiB), above the 20 %/min leak limit.' });
    expect(judge(checks([bytes(100e6)], [bytes(110e6)], [bytes(120e6)])).verdict).toBe('healthy');
  });

  it('counts health-check failures in 5 minutes, consecutive failures within 60 s, and database errors in 2 minutes', () => {
    const check = (ok: number) => [value('health-check', ok, { unit: 'boolean' })];
    const four = judge(checks(check(0), check(1), check(0), check(0), check(0)));
    expect(four.triggers).toContain('health-check-failures');
    expect(judge(checks(check(0), check(1), check(0), check(1), check(0))).verdict).toBe('healthy');
    const fast: HealthCheck[] = [0, 20, 40].map((s) => ({ at: at(s), measurements: [{ ...value('health-check', 0, { unit: 'boolean' }), at: at(s) }] }));
    expect(judge(fast).triggers).toEqual(['consecutive-failures']);
    const down = (n: number): Measurement[] => [
      { kind: 'error', provider: 'app', metric: 'health-check', track: 'current', at: '', source: 'GET /health', error: 'ECONNREFUSED', attempts: 3 },
      value('custom:consecutive-failures', n, { unit: 'count' }),
    ];
    const unanswered = [1, 2, 3].map((n, i) => ({ at: at(i * 20), measurements: down(n).map((m) => ({ ...m, at: at(i * 20) })) }));
    expect(judge(unanswered).reasons[0]).toMatchObject({ code: 'consecutive-failures', severity: 'critical', sentence: '3 consecutive health checks failed within 40 s (limit: 3 within 60 s).' });
    expect(judge(unanswered.slice(0, 2)).verdict).toBe('inconclusive');
    const db = judge(checks([value('db-connection-errors', 6, { unit: 'count' })], [value('db-connection-errors', 7, { unit: 'count' })]));
    expect(db.reasons[0]).toMatchObject({ code: 'db-connection-errors', severity: 'critical', sentence: '13 database connection errors in the last 2 min (more than 10 triggers a rollback).' });
  });

  it('compares with the baseline after a release: 2× error rate, 1.5× p95, and a floor for a zero-error baseline', () => {
    const baseline: Baseline = { 'captured-at': at(0), 'window-seconds': 300, metrics: { 'error-rate': 0.4, 'latency-p95': 200 }, counts: { requests: 5000, errors: 20 } };
    const result = judge(checks([value('error-rate', 1.1, { counts: { requests: 2000, errors: 22 } }), value('latency-p95', 320)]), baseline);
    expect(result.triggers.sort()).toEqual(['error-rate-vs-baseline', 'p95-vs-baseline']);
    expect(result.reasons.find((r) => r.code === 'p95-vs-baseline')?.sentence).toBe('The p95 latency is 320 ms against a baseline of 200 ms: above 1.5× baseline (300 ms).');
    const clean: Baseline = { 'captured-at': at(0), 'window-seconds': 300, metrics: { 'error-rate': 0 }, counts: { requests: 1000, errors: 0 } };
    expect(judge(checks([value('error-rate', 0.15, { counts: { requests: 2000, errors: 3 } })]), clean).verdict).toBe('healthy');
    expect(judge(checks([value('error-rate', 0.25, { counts: { requests: 2000, errors: 5 } })]), clean).triggers).toEqual(['error-rate-vs-baseline']);
  });

  it('never rolls back because a provider could not be read, and says when it held too long', () => {
    const down: Measurement = { kind: 'error', provider: 'prometheus', metric: 'error-rate', track: 'current', at: '', source: 'sum(rate(...))', error: 'ECONNREFUSED', attempts: 3 };
    const result = judge(checks(healthy, [down], [down], [down], [down], [down], [down], [down], [down], [down], [down], [down]));
    expect(result).toMatchObject({ verdict: 'inconclusive', shouldRollback: false });
    expect(result.reasons[0]).toMatchObject({ code: 'provider-error-max-hold' });
    expect(result.reasons[0]?.sentence).toMatch(/^prometheus could not be read for error-rate after 3 attempt\(s\) \(ECONNREFUSED\); holding for 660 s, longer than the 600 s max-hold/);
  });

  it('follows on-no-data per metric: hold, pass or fail', () => {
    const none: Measurement = { kind: 'no-data', provider: 'prometheus', metric: 'request-rate', track: 'current', at: '', source: 'q', reason: 'no series' };
    const withPolicy = (onNoData: 'hold' | 'pass' | 'fail') =>
      assessHealth({ history: checks([none]), now: at(0), track: 'current', mode: 'release', policy: { ...policy, metrics: { 'request-rate': { 'on-no-data': onNoData } } } }).verdict;
    expect([withPolicy('hold'), withPolicy('pass'), withPolicy('fail')]).toEqual(['inconclusive', 'healthy', 'unhealthy']);
  });

  it('judges every provider on its own readings: worst of, and an unreadable one hides nothing', () => {
    const fromProvider = (provider: string, m: Measurement): Measurement => ({ ...m, provider });
    const prometheusFine = fromProvider('prom', value('error-rate', 0.1, { counts: { requests: 1000, errors: 1 } }));
    const healthBad = fromProvider('health', value('error-rate', 6.5));
    for (const order of [[prometheusFine, healthBad], [healthBad, prometheusFine]]) {
      const result = judge(checks(order));
      expect(result.verdict).toBe('unhealthy');
      expect(result.reasons[0]).toMatchObject({ code: 'absolute-error-rate', provider: 'health', value: 6.5 });
    }
    const prometheusDown: Measurement = { kind: 'error', provider: 'prom', metric: 'error-rate', track: 'current', at: '', source: 'q', error: 'ECONNREFUSED', attempts: 3 };
    expect(judge(checks([prometheusDown, healthBad])).verdict).toBe('unhealthy');
  });

  it('is inconclusive when nothing was measured', () => {
    expect(judge(checks([])).verdict).toBe('inconclusive');
  });
});
