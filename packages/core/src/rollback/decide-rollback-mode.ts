import { latestState, type DeploymentRecord } from '../records/deployment-record';
import type { RollbackMode } from './rollback-outcome';

/** Whether the environment's newest deployment is the target and succeeded (what makes a rerun a no-op). */
export function runsTarget(current: DeploymentRecord | undefined, targetSha: string): boolean {
  return current !== undefined && current.sha === targetSha && latestState(current) === 'success';
}

/**
 * Decides by, in order: whether the environment already runs the target and is not known to be unhealthy
 * (nothing to do — idempotence, seed 002; when it runs the target but fails its health check the restore is
 * run again), whether a dry run was asked for, and the kill switch (`rollback.auto: false` turns automatic
 * rollbacks into plans; manual ones still apply).
 */
export function decideRollbackMode(input: {
  current: DeploymentRecord | undefined;
  targetSha: string;
  /** The current deployment's health when it runs the target and a health URL is configured. */
  currentHealthy?: boolean;
  dryRun: boolean;
  trigger: 'automatic' | 'manual';
  autoRollback: boolean;
}): RollbackMode {
  if (runsTarget(input.current, input.targetSha) && input.currentHealthy !== false) return 'already-at-target';
  if (input.dryRun) return 'dry-run';
  if (input.trigger === 'automatic' && !input.autoRollback) return 'auto-disabled';
  return 'apply';
}
