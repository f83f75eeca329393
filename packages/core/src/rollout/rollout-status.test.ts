import { describe, expect, it } from '@jest/globals';
import type { DeploymentRecord, DeploymentStatusRecord } from '../records/deployment-record';
import { assessInterruptedRollout, describeRollout, parseControlRequest, parseRolloutPosition } from './rollout-status';

describe('rollout status descriptions', () => {
  it('reads back what it writes', () => {
    expect(parseRolloutPosition(describeRollout.position(2, 4, 25, 'holding'))).toEqual({ stage: 2, total: 4, weight: 25, note: 'holding', paused: false });
    expect(parseRolloutPosition(describeRollout.paused(1, 4, 2.5, 'needs decision'))).toMatchObject({ stage: 1, weight: 2.5, paused: true });
    expect(parseControlRequest(describeRollout.control({ operation: 'abort', by: 'grace', reason: 'slow checkout' }))).toEqual({ operation: 'abort', by: 'grace', reason: 'slow checkout' });
    expect(parseControlRequest(describeRollout.control({ operation: 'promote', by: 'ada', reason: '' }))).toEqual({ operation: 'promote', by: 'ada', reason: '' });
  });

  it('ignores descriptions a rollout did not write, and keeps within GitHub’s 140 characters', () => {
    expect(parseRolloutPosition('Deployed by hand')).toBeUndefined();
    expect(parseControlRequest('Rolled back by #12')).toBeUndefined();
    expect(describeRollout.paused(1, 4, 5, 'x'.repeat(300)).length).toBeLessThanOrEqual(140);
  });
});

describe('assessInterruptedRollout', () => {
  const deployment = (statuses: [DeploymentStatusRecord['state'], string][]): DeploymentRecord => ({
    id: 7, sha: 'a'.repeat(40), ref: 'main', task: 'deploy', environment: 'production', productionEnvironment: true, createdAt: '', description: '', url: '', payload: undefined,
    statuses: statuses.map(([state, description], i) => ({ id: 100 - i, state, description, createdAt: '' })),
  });

  it.each([
    ['a rollout left holding', [['in_progress', 'abort requested by @grace'], ['in_progress', 'stage 2/4 · 25 % · holding']], { interrupted: true, position: expect.objectContaining({ stage: 2, weight: 25 }) }],
    ['a paused rollout', [['in_progress', 'stage 1/4 · 5 % · paused — needs decision: x']], { interrupted: false, why: 'paused' }],
    ['a finished one', [['success', 'stage 4/4 · 100 % · promoted'], ['in_progress', 'stage 4/4 · 100 % · holding']], { interrupted: false, why: 'success' }],
    ['one created moments ago', [], { interrupted: true, position: undefined }],
  ] as const)('%s', (_name, statuses, expected) => {
    expect(assessInterruptedRollout(deployment(statuses as unknown as [DeploymentStatusRecord['state'], string][]))).toEqual(expected);
  });

  it('needs nothing for a deployment that is gone', () => {
    expect(assessInterruptedRollout(undefined)).toEqual({ interrupted: false, why: 'gone' });
  });
});
