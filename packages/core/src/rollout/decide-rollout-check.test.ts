import { describe, expect, it } from '@jest/globals';
import type { HealthAssessment, HealthReason } from '../health/health-assessment';
import { combineReasons } from '../health/health-assessment';
import { defaultPolicy } from '../policy/policy-schema';
import { decideRolloutCheck, type RolloutCheck } from './decide-rollout-check';

const reason = (severity: HealthReason['severity'], metric: HealthReason['metric'], sentence = `${metric} ${severity}`): HealthReason => ({ code: `${metric}-${severity}`, severity, metric, track: 'canary', source: 's', value: 1, baseline: null, threshold: null, sentence });
const assessed = (...reasons: HealthReason[]): HealthAssessment => combineReasons(reasons);
const rate = (percent: number, requests = 1000) => ({ percent, requests, errors: Math.round(requests * (1 - percent / 100)), provider: 'p' });
const check = (overrides: Partial<RolloutCheck>): RolloutCheck => ({ assessment: assessed(reason('ok', 'error-rate')), successRate: rate(100), holdOver: false, extensions: 0, policy: defaultPolicy().canary, severity: 'S2', ...overrides });

describe('decideRolloutCheck', () => {
  it.each([
    ['healthy mid-hold', {}, 'hold'],
    ['healthy at the end of the hold', { holdOver: true }, 'advance'],
    ['latency critical, even with a perfect success rate', { assessment: assessed(reason('critical', 'latency-p95')) }, 'rollback'],
    ['success 79.9 % → roll back (seed 000: < 80 %)', { successRate: rate(79.9) }, 'rollback'],
    ['success 80 % → pause', { successRate: rate(80) }, 'pause'],
    ['success 94.9 % → pause, even if the error-rate rule fired', { successRate: rate(94.9), assessment: assessed(reason('critical', 'error-rate')) }, 'pause'],
    ['success 95 % with an error rate twice stable’s → roll back', { successRate: rate(95), assessment: assessed(reason('critical', 'error-rate')) }, 'rollback'],
    ['too few requests for a rate, error-rate rule fired → roll back', { successRate: undefined, assessment: assessed(reason('critical', 'error-rate')) }, 'rollback'],
    ['inconclusive at the end of the hold → extend', { holdOver: true, assessment: assessed(reason('hold', 'error-rate')) }, 'extend'],
    ['inconclusive after every extension → abort (never a rollback)', { holdOver: true, extensions: 3, assessment: assessed(reason('hold', 'error-rate')) }, 'abort'],
    ['degraded at the end of the hold → advance with a warning', { holdOver: true, assessment: assessed(reason('warning', 'latency-p95')) }, 'advance'],
  ] as const)('%s', (_name, overrides, action) => {
    expect(decideRolloutCheck(check(overrides as Partial<RolloutCheck>)).action).toBe(action);
  });

  it('rolls back under pause-at as severity S2 whatever the policy says, and names the protocol', () => {
    const decision = decideRolloutCheck(check({ successRate: rate(60), severity: 'S3' }));
    expect(decision).toMatchObject({ action: 'rollback', severity: 'S2' });
    expect(decision.reason).toBe("the canary's success rate is 60 % (600 of 1000 requests), under 80 %: rolling back (partial-failure protocol).");
  });

  it('warns and continues at 95–100 % success', () => {
    const decision = decideRolloutCheck(check({ successRate: rate(97.5), holdOver: true }));
    expect(decision).toMatchObject({ action: 'advance', warning: expect.stringContaining('97.5 % (at least 95 %): continuing') });
  });

  it('pauses instead of aborting when on-inconclusive says so', () => {
    const policy = { ...defaultPolicy().canary, 'on-inconclusive': 'pause' as const };
    expect(decideRolloutCheck(check({ policy, holdOver: true, extensions: 3, assessment: assessed(reason('hold', 'error-rate')) })).action).toBe('pause');
  });
});
