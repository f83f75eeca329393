import { describe, expect, it } from '@jest/globals';
import { aDeployment, rollbackPayload, sha } from '@safe-deploy/testing/builders';
import { findLastKnownGood } from './find-last-known-good';
import { selectRollbackSubject } from './select-rollback-subject';

describe('findLastKnownGood', () => {
  it('finds a good deployment that auto_inactive later turned inactive', () => {
    const history = [
      aDeployment({ id: 5, sha: sha('bad'), states: ['in_progress', 'success'] }),
      aDeployment({ id: 4, sha: sha('good'), states: ['in_progress', 'success', 'inactive'] }),
    ];
    const result = findLastKnownGood(history, history[0], true);
    expect(result.kind).toBe('found');
    expect(result.kind === 'found' && result.deployment.id).toBe(4);
  });

  it.each([
    ['never succeeded', ['in_progress', 'failure'], /never succeeded \(last state failure\)/],
    ['failed after success', ['in_progress', 'success', ['failure', 'Rolled back to abc']], /marked failure after succeeding: Rolled back to abc/],
    ['errored after success', ['success', 'inactive', 'error'], /marked error after succeeding/],
    ['has no status', [], /never reported a status/],
  ] as const)('skips a deployment that %s', (_name, states, reason) => {
    const history = [
      aDeployment({ id: 9, states: ['success'] }),
      aDeployment({ id: 8, states: [...states] as never }),
      aDeployment({ id: 7, states: ['success', 'inactive'] }),
    ];
    const result = findLastKnownGood(history, history[0], true);
    expect(result).toMatchObject({ kind: 'found', deployment: { id: 7 } });
    expect(result.skipped.map((s) => [s.deployment.id, s.reason])).toEqual([[8, expect.stringMatching(reason)]]);
  });

  it('skips a deployment a newer rollback rolled back from, even though its statuses look good', () => {
    const good = sha('good');
    const history = [
      aDeployment({ id: 13, sha: sha('next'), states: ['in_progress', 'failure'] }),
      aDeployment({ id: 11, sha: good, task: 'deploy:rollback', states: ['in_progress', 'failure'], payload: rollbackPayload(good, 10, sha('bad')) }),
      aDeployment({ id: 10, sha: sha('bad'), states: ['success'] }),
      aDeployment({ id: 9, sha: good, states: ['success', 'inactive'] }),
    ];
    const result = findLastKnownGood(history, history[0], true);
    expect(result).toMatchObject({ kind: 'found', deployment: { id: 9 } });
    expect(result.skipped.map((s) => [s.deployment.id, s.reason])).toEqual([
      [11, 'never succeeded (last state failure)'],
      [10, 'rolled back by deployment #11'],
    ]);
  });

  it('counts a successful rollback deployment as a good release', () => {
    const good = sha('good');
    const history = [
      aDeployment({ id: 12, sha: sha('next'), states: ['success'] }),
      aDeployment({ id: 11, sha: good, task: 'deploy:rollback', states: ['in_progress', 'success', 'inactive'], payload: rollbackPayload(good, 10, sha('bad')) }),
      aDeployment({ id: 10, sha: sha('bad'), states: ['success', 'failure'] }),
    ];
    expect(findLastKnownGood(history, history[0], true)).toMatchObject({ kind: 'found', deployment: { id: 11 } });
  });

  it('never returns the commit being rolled back or a drill', () => {
    const bad = sha('bad');
    const history = [
      aDeployment({ id: 3, sha: bad, states: ['success'] }),
      aDeployment({ id: 2, sha: bad, states: ['success', 'inactive'] }),
      aDeployment({ id: 1, task: 'deploy:drill', states: ['success'] }),
    ];
    const result = findLastKnownGood(history, history[0], true);
    expect(result.kind).toBe('none');
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/same commit/), 'a rollback drill, not a release']);
  });

  it('asks for more history when the prefix read so far holds no answer', () => {
    const history = [aDeployment({ id: 3, states: ['success'] }), aDeployment({ id: 2, states: ['failure'] })];
    expect(findLastKnownGood(history, history[0], false).kind).toBe('need-more');
    expect(findLastKnownGood(history, history[0], true).kind).toBe('none');
  });
});

describe('selectRollbackSubject', () => {
  it('is the newest deployment, or what the newest rollback rolled back from', () => {
    const plain = [aDeployment({ id: 2, states: ['failure'] }), aDeployment({ id: 1, states: ['success'] })];
    expect(selectRollbackSubject(plain)?.id).toBe(2);
    const afterRollback = [
      aDeployment({ id: 3, task: 'deploy:rollback', sha: sha('g'), states: ['failure'], payload: rollbackPayload(sha('g'), 2, sha('b')) }),
      aDeployment({ id: 2, sha: sha('b'), states: ['success', 'failure'] }),
    ];
    expect(selectRollbackSubject(afterRollback)?.id).toBe(2);
  });
});
