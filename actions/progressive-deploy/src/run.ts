import type { ActionIO } from '@safe-deploy/action-kit';
import { renderRollbackSummary, renderRolloutSummary } from '@safe-deploy/core';
import { progressiveDeploy, type ProgressiveDeployDeps, type ProgressiveDeployOutcome, type ProgressiveDeployRequest } from '@safe-deploy/operations';

/** State the main step leaves for the post step. */
export const STATE = { isPost: 'isPost', deploymentId: 'deployment-id', finished: 'finished' } as const;

/** Runs the rollout and reports it: outputs, the job summary, and a failed step when it was rolled back or failed. */
export async function runProgressiveDeploy(request: ProgressiveDeployRequest, deps: ProgressiveDeployDeps, io: ActionIO, githubRequests: () => number): Promise<ProgressiveDeployOutcome> {
  const outcome = await progressiveDeploy(request, { ...deps, onDeploymentCreated: (id) => io.saveState(STATE.deploymentId, String(id)) });
  io.saveState(STATE.finished, 'true');
  const { report } = outcome;
  io.setOutput('result', report.result);
  io.setOutput('deployment-id', report.deploymentId ?? '');
  io.setOutput('stage', report.stages.filter((s) => s.stage > 0).at(-1)?.stage ?? (report.stages.length ? request.policy.canary.stages.length : 0));
  io.setOutput('verdict', report.assessment?.verdict ?? '');
  io.setOutput('incident-issue', outcome.incident?.number ?? '');
  io.setOutput('seconds-to-restore', report.secondsToRestore === undefined ? '' : report.secondsToRestore.toFixed(1));
  const requests = `GitHub requests made by this run: ${githubRequests()}.`;
  await io.writeSummary([renderRolloutSummary(report), ...(outcome.rollback ? [renderRollbackSummary(outcome.rollback)] : []), requests].join('\n\n'));
  io.info(requests);
  switch (report.result) {
    case 'rolled-back':
      io.setFailed(`Rolled back: ${report.message}`);
      break;
    case 'failed':
      io.setFailed(report.message);
      break;
    case 'paused':
      io.warning(report.message);
      break;
    default:
      // promoted and requested: the rollout's own log already said so.
      break;
  }
  return outcome;
}
