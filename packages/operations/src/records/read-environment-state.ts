import { assessLock, DEPLOYMENT_TASKS, type Clock, type DeploymentRecord, type DeploymentStore, type LockAssessment } from '@safe-deploy/core';
import { DeploymentHistory } from '../rollback/read-history';

/** What is live in an environment and whether a deployment is still running there. */
export interface EnvironmentState {
  /** The newest deployment that is not a drill, with its statuses. */
  current: DeploymentRecord | undefined;
  lock: LockAssessment;
}

/**
 * Reads an environment's current deployment and its lock (a deployment still queued/in_progress, unless older than
 * `staleAfterSeconds`). Reads only the newest deployments: a running deployment older than the first page of
 * `lookback` is stale by any sensible setting.
 */
export async function readEnvironmentState(
  store: DeploymentStore,
  environment: string,
  options: { clock: Clock; staleAfterSeconds: number; lookback?: number },
): Promise<EnvironmentState> {
  const history = new DeploymentHistory(store, environment, options.lookback ?? 10);
  while (await history.readMore());
  return {
    current: history.deployments.find((deployment) => deployment.task !== DEPLOYMENT_TASKS.drill),
    lock: assessLock(history.deployments, options.clock.now(), options.staleAfterSeconds),
  };
}
