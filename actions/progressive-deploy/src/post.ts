import type { ActionIO } from '@safe-deploy/action-kit';
import { assessInterruptedRollout, describeRollout, type CommandLine, type DeploymentStore, type Clock, type CommandRunner, type TrafficRouter, type Policy } from '@safe-deploy/core';
import { restoreStable } from '@safe-deploy/operations';
import { STATE } from './run';

/**
 * The `post:` step (it runs `always()`): when the main step was cancelled or crashed mid-rollout, put all traffic
 * back on stable, stop the canary, and mark the deployment `error`. A rollout that ended (promoted, rolled back,
 * paused on purpose) or never created a deployment needs nothing.
 */
export async function runPostStep(
  io: ActionIO,
  deps: { store: DeploymentStore; router: TrafficRouter; runner: CommandRunner; clock: Clock; runUrl: string },
  settings: { rollbackCommand: CommandLine | undefined; workingDirectory: string; policy: Policy },
): Promise<void> {
  const id = Number(io.getState(STATE.deploymentId));
  if (io.getState(STATE.finished) === 'true' || !id) {
    io.info('Post step: the rollout ended on its own; nothing to clean up.');
    return;
  }
  const deployment = await deps.store.getDeployment(id);
  const assessed = assessInterruptedRollout(deployment);
  if (!assessed.interrupted || !deployment) {
    io.info(`Post step: deployment #${id} is ${assessed.interrupted ? 'gone' : assessed.why}; nothing to clean up.`);
    return;
  }
  const { position } = assessed;
  io.warning(`The rollout of deployment #${id} was interrupted at stage ${position?.stage ?? 0}/${position?.total ?? '?'}; putting all traffic back on stable.`);
  const restored = await restoreStable(deps.router, { timeoutSeconds: settings.policy.canary['weight-timeout'], clock: deps.clock, log: io });
  if (settings.rollbackCommand) {
    const result = await deps.runner.run(settings.rollbackCommand, { env: { BAD_SHA: deployment.sha, ENVIRONMENT: deployment.environment, SAFE_DEPLOY_ENVIRONMENT: deployment.environment, SAFE_DEPLOY_SHA: deployment.sha, SAFE_DEPLOY_DEPLOYMENT_ID: String(deployment.id) }, cwd: settings.workingDirectory, timeoutSeconds: settings.policy.rollback['command-timeout'] });
    if (result.exitCode !== 0 || result.timedOut) io.warning(`rollback-command ${result.timedOut ? 'timed out' : `exited with code ${result.exitCode}`} while stopping the canary.`);
  }
  await deps.store.createStatus(id, {
    state: 'error',
    description: describeRollout.position(position?.stage ?? 0, position?.total ?? 0, 0, `interrupted (cancelled or crashed); ${restored.ok ? 'traffic back on stable' : 'traffic NOT restored'}`),
    logUrl: deps.runUrl,
  });
  if (restored.ok) io.info(`Post step: all traffic is back on stable and deployment #${id} is marked error.`);
  else io.setFailed(`Post step: traffic could not be put back on stable (${restored.detail}); deployment #${id} is marked error. Set the router to 0 % by hand: ${deps.router.describe()}.`);
}
