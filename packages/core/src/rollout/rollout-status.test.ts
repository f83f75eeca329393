import { describe, expect, it } from '@jest/globals';
import { describeRollout, parseControlRequest, parseRolloutPosition } from './rollout-status';

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
