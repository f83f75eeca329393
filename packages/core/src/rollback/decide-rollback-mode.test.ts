import { describe, expect, it } from '@jest/globals';
import { aDeployment, sha } from '@safe-deploy/testing/builders';
import { decideRollbackMode } from './decide-rollback-mode';

describe('decideRollbackMode', () => {
  const atTarget = aDeployment({ id: 2, sha: sha('good'), states: ['in_progress', 'success'] });
  const failedAtTarget = aDeployment({ id: 2, sha: sha('good'), states: ['in_progress', 'failure'] });
  const bad = aDeployment({ id: 3, sha: sha('bad'), states: ['success'] });
  it.each([
    ['already at the target and succeeded', atTarget, false, 'automatic', true, 'already-at-target'],
    ['already at the target, even for a dry run', atTarget, true, 'manual', true, 'already-at-target'],
    ['at the target but that deployment failed', failedAtTarget, false, 'automatic', true, 'apply'],
    ['a dry run', bad, true, 'manual', true, 'dry-run'],
    ['automatic with the kill switch off', bad, false, 'automatic', false, 'auto-disabled'],
    ['manual with the kill switch off', bad, false, 'manual', false, 'apply'],
    ['automatic', bad, false, 'automatic', true, 'apply'],
    ['an environment with no current deployment', undefined, false, 'automatic', true, 'apply'],
  ] as const)('%s → %s', (_name, current, dryRun, trigger, autoRollback, mode) => {
    expect(decideRollbackMode({ current, targetSha: sha('good'), dryRun, trigger, autoRollback })).toBe(mode);
  });

  it.each([
    [true, false, 'automatic', true, 'already-at-target'],
    [false, false, 'automatic', true, 'apply'],
    [false, true, 'manual', true, 'dry-run'],
    [false, false, 'automatic', false, 'auto-disabled'],
  ] as const)('at the target with health %s (dry run %s, %s, auto %s) → %s', (currentHealthy, dryRun, trigger, autoRollback, mode) => {
    expect(decideRollbackMode({ current: atTarget, targetSha: sha('good'), currentHealthy, dryRun, trigger, autoRollback })).toBe(mode);
  });
});
