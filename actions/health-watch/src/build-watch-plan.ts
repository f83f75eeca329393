import path from 'node:path';
import { ConfigurationError, type DeploymentRecord, type Policy } from '@safe-deploy/core';
import { restoreCommands, verifySettingsFrom, type RollbackRequest, type WatchRequest } from '@safe-deploy/operations';
import type { HealthWatchInputs } from './health-watch-inputs';

/** A metrics provider's configuration as the registry takes it: the policy's entries plus the input shortcuts. */
export type ProviderConfig = { kind: string; name?: string } & Record<string, unknown>;

/** The policy's providers, then one per URL input (`health-url` → http, `prometheus-url` → prometheus, `metrics-url` → prometheus-scrape). */
export function buildProviderConfigs(inputs: HealthWatchInputs, policy: Policy): ProviderConfig[] {
  const configs: ProviderConfig[] = policy.health.providers.map((p) => ({ ...p }));
  if (inputs.healthUrl) configs.push({ kind: 'http', name: 'health-url', url: inputs.healthUrl });
  if (inputs.prometheusUrl) configs.push({ kind: 'prometheus', name: 'prometheus-url', url: inputs.prometheusUrl });
  if (inputs.metricsUrl) configs.push({ kind: 'prometheus-scrape', name: 'metrics-url', url: inputs.metricsUrl });
  if (configs.length === 0) {
    throw new ConfigurationError(
      `input 'health-url'`,
      'there is nothing to watch: no health-url, prometheus-url or metrics-url input and no health.providers in the policy.',
      'Set health-url (a JSON health endpoint), prometheus-url or metrics-url, or list providers under health.providers in the policy file.',
    );
  }
  return configs;
}

/** The watch the inputs ask for, over the deployment's stored baseline when it has one. */
export function buildWatchRequest(inputs: HealthWatchInputs, policy: Policy, deployment: DeploymentRecord | undefined, remainingSeconds?: number): WatchRequest {
  const baseline = inputs.baseline ?? deployment?.payload?.baseline;
  return {
    mode: inputs.mode === 'observe' || inputs.mode === 'baseline' ? 'watch' : inputs.mode,
    // An observation run watches for its duration, or what is left of the window if that is less.
    durationSeconds: remainingSeconds === undefined ? inputs.durationSeconds : Math.min(inputs.durationSeconds, Math.max(0, remainingSeconds)),
    intervalSeconds: inputs.intervalSeconds,
    windowSeconds: inputs.windowSeconds ?? inputs.intervalSeconds,
    environment: inputs.environment,
    ...(deployment ? { version: deployment.payload?.release.version ?? deployment.sha } : {}),
    analysis: 'release',
    ...(baseline ? { baseline } : {}),
    policy: policy.health,
  };
}

/** The rollback health-watch hands over to: automatic, from the watched deployment, verified on the same health URL. */
export function buildHandOverRequest(inputs: HealthWatchInputs, policy: Policy, deployment: DeploymentRecord, reason: string, evidence: string, workspace: string): RollbackRequest {
  const url = inputs.healthUrl ?? policy.rollback.verify.url;
  return {
    environment: inputs.environment,
    reason,
    trigger: 'automatic',
    from: String(deployment.id),
    dryRun: false,
    commands: restoreCommands(inputs.rollbackCommand, inputs.restartCommand),
    workingDirectory: path.resolve(workspace, inputs.workingDirectory),
    ...(url ? { verify: verifySettingsFrom(url, policy.rollback.verify) } : {}),
    openIncident: true,
    evidence,
    rollback: policy.rollback,
  };
}
