import { describe, expect, it } from '@jest/globals';
import { defaultPolicy } from '../../policy/policy-schema';
import { assessHealth } from '../assess-health';
import type { HealthCheck } from '../health-history';
import type { Measurement, Track } from '../measurement';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 12, i)).toISOString();
const rate = (track: Track, requests: number, errors: number): Measurement => ({ kind: 'value', provider: 'prom', metric: 'error-rate', track, at: '', source: `errors{track="${track}"}`, value: (100 * errors) / requests, unit: 'percent', counts: { requests, errors } });
const canaryRun = (looks: number, canary: [number, number], stable: [number, number]): HealthCheck[] =>
  Array.from({ length: looks }, (_, i) => ({ at: at(i), measurements: [rate('canary', ...canary), rate('stable', ...stable)] }));
const judge = (history: HealthCheck[]) => assessHealth({ history, now: history.at(-1)?.at ?? '', track: 'canary', mode: 'canary', policy: defaultPolicy().health });

describe('canary against stable', () => {
  it('fails a canary whose error rate is well above 2× stable, with the test and its p-value', () => {
    const result = judge(canaryRun(3, [300, 12], [5700, 57]));
    const reason = result.reasons.find((r) => r.code === 'canary-error-rate');
    expect(reason).toMatchObject({ severity: 'critical', track: 'canary', test: { name: 'msprt-conditional-binomial' } });
    expect(reason?.test?.pValue).toBeLessThan(0.01);
    expect(result.verdict).toBe('unhealthy');
  });

  it('holds on impossible counts (more errors than requests) instead of crashing or deciding', () => {
    const result = judge(canaryRun(2, [100, 150], [5700, 57]));
    expect(result.reasons.find((r) => r.code === 'inconsistent-data')).toMatchObject({ severity: 'hold', sentence: expect.stringMatching(/^The error-rate readings are inconsistent \(.*canary\.errors must be at most 100/) });
  });

  it('does not fail a canary that matches stable (A/A), and holds on too few requests', () => {
    expect(judge(canaryRun(5, [300, 3], [5700, 57])).reasons.find((r) => r.metric === 'error-rate' && r.track === 'canary' && r.code !== 'absolute-error-rate')?.severity).toBe('ok');
    const sparse = judge(canaryRun(1, [4, 1], [80, 1]));
    expect(sparse.reasons.find((r) => r.code === 'insufficient-data' && r.test)).toMatchObject({ severity: 'hold' });
    expect(sparse.shouldRollback).toBe(false);
  });
});
