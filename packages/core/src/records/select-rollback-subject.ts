import { DEPLOYMENT_TASKS, type DeploymentRecord } from './deployment-record';

/**
 * The deployment a rollback replaces (the "bad" one) when none is named.
 * Decides by: the newest deployment of the environment, except drills; when that is itself a rollback, the
 * deployment it rolled back from — so a retried or repeated rollback keeps pointing at the same bad release.
 */
export function selectRollbackSubject(history: DeploymentRecord[]): DeploymentRecord | undefined {
  const newest = history.find((deployment) => deployment.task !== DEPLOYMENT_TASKS.drill);
  if (!newest || newest.task !== DEPLOYMENT_TASKS.rollback) return newest;
  const origin = newest.payload?.rollback?.['from-deployment'];
  return history.find((deployment) => deployment.id === origin) ?? newest;
}
