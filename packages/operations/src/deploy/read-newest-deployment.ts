import { DEPLOYMENT_TASKS, type DeploymentRecord, type DeploymentStore } from '@safe-deploy/core';

/**
 * The environment's newest deployment that is not a drill, with its statuses: two requests, whatever the history's
 * length. A rollout owns the environment while it runs, so the newest deployment is all the lock needs.
 */
export async function readNewestDeployment(store: DeploymentStore, environment: string): Promise<DeploymentRecord | undefined> {
  const { deployments } = await store.listDeployments(environment, 1, 10);
  const newest = deployments.find((d) => d.task !== DEPLOYMENT_TASKS.drill);
  if (!newest) return undefined;
  return { ...newest, statuses: await store.listStatuses(newest.id) };
}
