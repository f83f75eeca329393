import { notFound, validationFailed } from '../github-api-error';
import { compareNewestFirst, latestState } from './deployments';
import type { DeploymentRecord, DeploymentState, DeploymentStatusRecord, RepositoryRecord } from './records';
import { nextId, nodeId, type StoreContext } from './store-state';

/** The body of POST /deployments/{deployment_id}/statuses. */
export interface DeploymentStatusInput {
  state: DeploymentState;
  description?: string;
  log_url?: string;
  target_url?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

const MAX_DESCRIPTION = 140;

function appendStatus(ctx: StoreContext, deployment: DeploymentRecord, fields: Omit<DeploymentStatusRecord, 'id' | 'node_id'>): DeploymentStatusRecord {
  const id = nextId(ctx.state, 'deployment_status');
  const status = { id, node_id: nodeId('DeploymentStatus', id), ...fields };
  deployment.statuses.push(status);
  deployment.updated_at = fields.created_at;
  return status;
}

/**
 * Which deployments GitHub's `auto_inactive` marks inactive when `current` gets a success status.
 * Decides by: same repository and environment, created before `current`, not transient, latest
 * status `success`. The docs say only non-production environments are affected; real GitHub
 * inactivates production deployments too, and that is what the suite's rollback relies on.
 */
export function selectAutoInactivated(repo: RepositoryRecord, current: DeploymentRecord): DeploymentRecord[] {
  return repo.deployments.filter((other) =>
    other.id !== current.id
    && other.environment === current.environment
    && compareNewestFirst(other, current) > 0
    && !other.transient_environment
    && latestState(other) === 'success');
}

/**
 * Creates a deployment status the way GitHub does: description at most 140 characters (422),
 * `log_url` also sets `target_url`, a given `environment` moves the deployment, and a `success`
 * with `auto_inactive` (default true) adds `inactive` statuses to the deployments
 * selectAutoInactivated picks. Seeds use this same function, so seeded history behaves alike.
 */
export function createDeploymentStatus(ctx: StoreContext, repo: RepositoryRecord, deployment: DeploymentRecord, input: DeploymentStatusInput, createdAt?: string): DeploymentStatusRecord {
  if (!repo.deployments.includes(deployment)) throw notFound();
  const description = input.description ?? '';
  if (description.length > MAX_DESCRIPTION) {
    throw validationFailed({ resource: 'DeploymentStatus', code: 'custom', field: 'description', message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)` });
  }
  if (input.environment !== undefined) deployment.environment = input.environment;
  const url = input.log_url ?? input.target_url ?? '';
  const now = createdAt ?? ctx.now();
  const status = appendStatus(ctx, deployment, {
    state: input.state,
    description,
    environment: deployment.environment,
    target_url: url,
    log_url: url,
    environment_url: input.environment_url ?? '',
    created_at: now,
    updated_at: now,
  });
  if (input.state === 'success' && (input.auto_inactive ?? true)) {
    for (const older of selectAutoInactivated(repo, deployment)) {
      appendStatus(ctx, older, {
        state: 'inactive', description: '', environment: older.environment, target_url: '', log_url: '', environment_url: '', created_at: now, updated_at: now,
      });
    }
  }
  return status;
}

/** A deployment's statuses newest first, as GitHub lists them. */
export function listDeploymentStatuses(deployment: DeploymentRecord): DeploymentStatusRecord[] {
  return [...deployment.statuses].reverse();
}

/** One status of a deployment, or 404. */
export function requireDeploymentStatus(deployment: DeploymentRecord, id: number): DeploymentStatusRecord {
  const status = deployment.statuses.find((candidate) => candidate.id === id);
  if (!status) throw notFound();
  return status;
}
