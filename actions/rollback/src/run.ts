import type { ActionIO } from '@safe-deploy/action-kit';
import { renderRollbackSummary, type Policy, type RollbackOutcome } from '@safe-deploy/core';
import { performRollback, type RollbackDeps } from '@safe-deploy/operations';
import { buildRollbackRequest } from './build-rollback-request';
import type { RollbackInputs } from './rollback-inputs';

/** Runs the rollback and reports it: outputs, job summary, and a failed step when the restore failed. */
export async function runRollback(inputs: RollbackInputs, policy: Policy, workspace: string, deps: RollbackDeps, io: ActionIO): Promise<RollbackOutcome> {
  const request = buildRollbackRequest(inputs, policy, deps.context, workspace);
  const outcome = await performRollback(request, deps);
  io.setOutput('result', outcome.result);
  io.setOutput('target-sha', outcome.plan.target.sha);
  io.setOutput('bad-sha', outcome.plan.subject?.sha ?? '');
  io.setOutput('deployment-id', outcome.rollbackDeployment?.id ?? '');
  io.setOutput('incident-issue', outcome.incident?.number ?? '');
  io.setOutput('incident-url', outcome.incident?.url ?? '');
  await io.writeSummary(renderRollbackSummary(outcome));
  if (outcome.result === 'failed') io.setFailed(`Rollback failed (${outcome.code}): ${outcome.message}`);
  else io.info(`Rollback result: ${outcome.result} — ${outcome.message}`);
  return outcome;
}
