import { describe, expect, it } from '@jest/globals';
import { combineReasons, type HealthReason } from './health-assessment';
import { decideHealthAction } from './decide-health-action';

const reason = (severity: HealthReason['severity']): HealthReason => ({ code: 'x', severity, metric: 'error-rate', track: 'current', source: 'q', value: 9, baseline: null, threshold: 5, sentence: `The error rate is 9 %, ${severity}.` });

describe('decideHealthAction', () => {
  it.each([
    ['healthy', 'fail', { status: { state: 'success', description: 'Health watch: healthy over 3 checks' }, rollback: false, failStep: false }],
    ['degraded', 'rollback', { status: { state: 'success', description: 'Health watch: degraded — The error rate is 9 %, warning.' }, rollback: false, failStep: false }],
    ['inconclusive', 'rollback', { rollback: false, failStep: false }],
    ['unhealthy', 'rollback', { rollback: true, failStep: false }],
    ['unhealthy', 'fail', { status: { state: 'failure', description: 'Health watch: unhealthy — The error rate is 9 %, critical.' }, rollback: false, failStep: true }],
    ['unhealthy', 'report', { rollback: false, failStep: false }],
  ] as const)('%s with on-unhealthy %s', (verdict, onUnhealthy, expected) => {
    const severity = verdict === 'unhealthy' ? 'critical' : verdict === 'degraded' ? 'warning' : verdict === 'inconclusive' ? 'hold' : 'ok';
    expect(decideHealthAction(verdict, combineReasons([reason(severity)]), onUnhealthy, 3)).toEqual(expected);
  });
});
