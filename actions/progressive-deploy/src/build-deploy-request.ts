import path from 'node:path';
import { ConfigurationError, type Policy } from '@safe-deploy/core';
import type { ProgressiveDeployRequest } from '@safe-deploy/operations';
import type { ProgressiveDeployInputs } from './progressive-deploy-inputs';

/** A metrics provider's configuration as the registry takes it. */
export type ProviderConfig = { kind: string; name?: string } & Record<string, unknown>;

const BLOCKING = new Set(['block', 'blocked', 'fail', 'failed', 'failure']);

/** The policy's providers, then one per URL input; a canary nobody can measure cannot be judged, so none is an error. */
export function buildProviderConfigs(inputs: ProgressiveDeployInputs, policy: Policy): ProviderConfig[] {
  const configs: ProviderConfig[] = policy.health.providers.map((p) => ({ ...p }));
  if (inputs.prometheusUrl) configs.push({ kind: 'prometheus', name: 'prometheus-url', url: inputs.prometheusUrl });
  if (inputs.metricsUrl) configs.push({ kind: 'prometheus-scrape', name: 'metrics-url', url: inputs.metricsUrl });
  if (configs.length === 0 && inputs.operation === 'deploy') {
    throw new ConfigurationError(
      `input 'prometheus-url'`,
      'there is nothing to judge the canary with: no prometheus-url or metrics-url input and no health.providers in the policy.',
      'Set prometheus-url (series labelled track="canary"/"stable"), metrics-url, or list providers under health.providers in the policy file.',
    );
  }
  return configs;
}

/** The rollout the inputs ask for. A gate that blocked stops the deploy here, before anything is written. */
export function buildDeployRequest(inputs: ProgressiveDeployInputs, policy: Policy, runner: { workspace: string; sha: string; ref: string }, policyDigest: string | undefined): ProgressiveDeployRequest {
  for (const [gate, verdict] of Object.entries(inputs.verdicts)) {
    if (verdict && BLOCKING.has(verdict.verdict) && inputs.operation === 'deploy') {
      throw new ConfigurationError(`input '${gate}-verdict'`, `the ${gate} gate says '${verdict.verdict}'${verdict.reasons.length ? ` (${verdict.reasons.slice(0, 3).join('; ')})` : ''}, so this version must not ship.`, `Fix what the ${gate} gate reported and run the pipeline again.`);
    }
  }
  const sha = inputs.sha ?? runner.sha;
  if (!/^[0-9a-f]{40}$/.test(sha) || /^0+$/.test(sha)) {
    throw new ConfigurationError(`input 'sha'`, `no commit to deploy: the input is empty and GITHUB_SHA is '${sha}'.`, 'Run the action in a workflow (the runner sets GITHUB_SHA) or pass sha.');
  }
  return {
    environment: inputs.environment,
    sha,
    ref: inputs.ref ?? runner.ref.replace(/^refs\/(heads|tags)\//, ''),
    ...(inputs.version ? { version: inputs.version } : {}),
    operation: inputs.operation,
    ...(inputs.override ? { override: inputs.override } : {}),
    ...(inputs.reason ? { reason: inputs.reason } : {}),
    ...(inputs.deployCommand ? { deployCommand: inputs.deployCommand } : {}),
    ...(inputs.promoteCommand ? { promoteCommand: inputs.promoteCommand } : {}),
    ...(inputs.rollbackCommand ? { rollbackCommand: inputs.rollbackCommand } : {}),
    workingDirectory: path.resolve(runner.workspace, inputs.workingDirectory),
    ...(inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {}),
    ...(inputs.healthUrl ?? policy.rollback.verify.url ? { healthUrl: inputs.healthUrl ?? policy.rollback.verify.url } : {}),
    ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
    ...(Object.keys(inputs.verdicts).length ? { verdicts: inputs.verdicts } : {}),
    ...(policyDigest ? { policyDigest } : {}),
    policy,
  };
}
