import { describe, expect, it } from '@jest/globals';
import { defaultPolicy, type Measurement, type MetricsProvider, type MetricsQuery } from '@safe-deploy/core';
import { FakeClock } from '@safe-deploy/testing/builders';
import { watchHealth, type WatchRequest } from './watch-health';

/** A provider that answers an error rate from a script, one entry per call (the last repeats). */
function scripted(rates: (number | 'down')[]): MetricsProvider & { calls: MetricsQuery[] } {
  const calls: MetricsQuery[] = [];
  return {
    kind: 'script',
    name: 'script',
    calls,
    async measure(query) {
      calls.push(query);
      const rate = rates[Math.min(calls.length - 1, rates.length - 1)];
      const base = { provider: 'script', metric: 'error-rate' as const, track: query.track, at: '', source: 'script' };
      const m: Measurement = rate === 'down' ? { ...base, kind: 'error', error: 'ECONNREFUSED', attempts: 3 } : { ...base, kind: 'value', value: rate ?? 0, unit: 'percent', counts: { requests: 1000, errors: (rate ?? 0) * 10 } };
      return [m];
    },
  };
}

const request = (mode: WatchRequest['mode'], durationSeconds = 600): WatchRequest => ({ mode, durationSeconds, intervalSeconds: 60, windowSeconds: 60, environment: 'production', analysis: 'release', policy: defaultPolicy().health });
const quiet = { info: () => {}, warning: () => {} };

describe('watchHealth', () => {
  it('watches for the duration at the interval and ends healthy', async () => {
    const provider = scripted([0.5]);
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const outcome = await watchHealth(request('watch'), { providers: [provider], clock, log: quiet });
    expect(outcome).toMatchObject({ verdict: 'healthy', ended: 'duration' });
    expect(outcome.history.map((c) => c.at)).toHaveLength(11); // at 0, 1, …, 10 min: both ends of the window
    expect(outcome.history.at(-1)?.at).toBe('2026-01-01T00:10:00.000Z');
    expect(provider.calls[0]).toEqual({ track: 'current', windowSeconds: 60, environment: 'production' });
  });

  it('stops at the first unhealthy check', async () => {
    const outcome = await watchHealth(request('watch'), { providers: [scripted([0.5, 0.6, 9])], clock: new FakeClock(), log: quiet });
    expect(outcome).toMatchObject({ verdict: 'unhealthy', ended: 'unhealthy' });
    expect(outcome.history).toHaveLength(3);
    expect(outcome.assessment.triggers).toEqual(['absolute-error-rate']);
  });

  it('reports degraded when any check was degraded, even if the last one recovered', async () => {
    expect((await watchHealth(request('watch', 180), { providers: [scripted([0.5, 3.5, 0.5])], clock: new FakeClock(), log: quiet })).verdict).toBe('degraded');
  });

  it('waits until healthy, tolerating failures while the service starts', async () => {
    const outcome = await watchHealth(request('wait-until-healthy'), { providers: [scripted(['down', 'down', 0.2])], clock: new FakeClock(), log: quiet });
    expect(outcome).toMatchObject({ verdict: 'healthy', ended: 'healthy' });
    expect(outcome.verdicts.map((v) => v.verdict)).toEqual(['inconclusive', 'inconclusive', 'healthy']);
  });

  it('stays inconclusive when the source is down for the whole watch: no rollback', async () => {
    const outcome = await watchHealth(request('watch', 300), { providers: [scripted(['down'])], clock: new FakeClock(), log: quiet });
    expect(outcome).toMatchObject({ verdict: 'inconclusive', ended: 'duration' });
    expect(outcome.assessment.shouldRollback).toBe(false);
  });

  it('turns a provider that throws into an error measurement', async () => {
    const broken: MetricsProvider = { kind: 'x', name: 'x', measure: () => Promise.reject(new Error('boom')) };
    const outcome = await watchHealth(request('once'), { providers: [broken], clock: new FakeClock(), log: quiet });
    expect(outcome.verdict).toBe('inconclusive');
    expect(outcome.history[0]?.measurements[0]).toMatchObject({ kind: 'error', error: 'provider failed: boom' });
  });
});
