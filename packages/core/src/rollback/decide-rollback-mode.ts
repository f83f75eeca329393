import { latestState, type DeploymentRecord } from '../records/deployment-record';
import type { RollbackMode } from './rollback-outcome';

/**
 * Decides by, in order: whether the environment's newest deployment already is the target and succeeded
 * (nothing to do — idempotence, seed 002), whether a dry run was asked for, and the kill switch (`rollback.auto:
 * false` turns automatic rollbacks into plans; manual ones still apply).
 */
export function decideRollbackMode(input: {
  current: DeploymentRecord | undefined;
  targetSha: string;
  dryRun: boolean;
  trigger: 'automatic' | 'manual';
  autoRollback: boolean;
}): RollbackMode {
  if (input.current && input.current.sha === input.targetSha && latestState(input.current) === 'success') return 'already-at-target';
  if (input.dryRun) return 'dry-run';
  if (input.trigger === 'automatic' && !input.autoRollback) return 'auto-disabled';
  return 'apply';
}
