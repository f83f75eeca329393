import { createHash } from 'node:crypto';
import type { DeploymentPayload, DeploymentRecord, DeploymentState, DeploymentStatusRecord } from '@safe-deploy/core';

/** A deterministic 40-hex sha for a label, so tests read `sha('v1')` instead of random hex. */
export function sha(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

let nextStatusId = 1;

/** Builds a deployment record; `states` are oldest first, one minute apart after `createdAt`. */
export function aDeployment(options: {
  id: number;
  sha?: string;
  task?: string;
  environment?: string;
  createdAt?: string;
  states?: (DeploymentState | [DeploymentState, string])[];
  payload?: DeploymentPayload;
}): DeploymentRecord {
  const createdAt = options.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, options.id)).toISOString();
  const start = Date.parse(createdAt);
  const statuses: DeploymentStatusRecord[] = (options.states ?? []).map((entry, index) => {
    const [state, description] = Array.isArray(entry) ? entry : [entry, ''];
    return { id: nextStatusId++, state, description, createdAt: new Date(start + (index + 1) * 60_000).toISOString() };
  });
  return {
    id: options.id,
    sha: options.sha ?? sha(`commit-${options.id}`),
    ref: 'main',
    task: options.task ?? 'deploy',
    environment: options.environment ?? 'production',
    productionEnvironment: (options.environment ?? 'production') === 'production',
    createdAt,
    description: '',
    payload: options.payload,
    url: `https://api.github.test/repos/acme/shop/deployments/${options.id}`,
    statuses: statuses.reverse(),
  };
}

/** A rollback deployment's payload pointing at the deployment it replaced. */
export function rollbackPayload(target: string, fromDeployment: number, fromSha: string): DeploymentPayload {
  return {
    schema: 'safe-deploy/deployment',
    version: 1,
    kind: 'rollback',
    release: { sha: target, ref: target },
    rollback: { 'from-deployment': fromDeployment, 'from-sha': fromSha, reason: 'test', trigger: 'automatic' },
  };
}
