import path from 'node:path';
import type { Policy, RunContext } from '@safe-deploy/core';
import { restoreCommands, verifySettingsFrom, type RollbackRequest } from '@safe-deploy/operations';
import type { RollbackInputs } from './rollback-inputs';

/**
 * Merges inputs over the policy (an input that is set wins, then the policy, then the seed defaults) and decides
 * by the event: `workflow_dispatch` is a manual rollback (dry run unless told otherwise), anything else an
 * automatic one after a failed deploy.
 */
export function buildRollbackRequest(inputs: RollbackInputs, policy: Policy, context: RunContext, workspace: string): RollbackRequest {
  const manual = context.event === 'workflow_dispatch';
  const verify = policy.rollback.verify;
  const healthUrl = inputs.healthUrl ?? verify.url;
  const reason =
    inputs.reason ||
    (manual
      ? `Manual rollback${context.actor ? ` by @${context.actor}` : ''} (run ${context.runId})`
      : `Automatic rollback after a failed deployment (${context.workflow ?? 'workflow'} run ${context.runId})`);
  return {
    environment: inputs.environment,
    reason,
    trigger: manual ? 'manual' : 'automatic',
    ...(inputs.to ? { to: inputs.to } : {}),
    ...(inputs.from ? { from: inputs.from } : {}),
    dryRun: inputs.dryRun === 'auto' ? manual : inputs.dryRun,
    commands: restoreCommands(inputs.rollbackCommand, inputs.restartCommand),
    workingDirectory: path.resolve(workspace, inputs.workingDirectory),
    ...(healthUrl
      ? { verify: verifySettingsFrom(healthUrl, verify, { expectedStatus: inputs.healthExpectedStatus, timeoutSeconds: inputs.healthTimeoutSeconds, retries: inputs.healthRetries }) }
      : {}),
    openIncident: inputs.openIncident ?? policy.rollback.incident['on-manual'],
    ...(inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {}),
    rollback: policy.rollback,
  };
}
