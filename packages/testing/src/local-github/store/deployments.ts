import { GitHubApiError, notFound } from '../github-api-error';
import { autoMergeDefaultBranch, checkRequiredContexts } from './deployment-checks';
import type { DeploymentRecord, RepositoryRecord } from './records';
import { resolveRef } from './resolve-ref';
import { nextId, nodeId, type StoreContext } from './store-state';

/** The body of POST /repos/{owner}/{repo}/deployments. */
export interface DeploymentInput {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

/** A created deployment (201) or GitHub's auto-merge answer (202). */
export type CreateDeploymentOutcome =
  | { kind: 'created'; deployment: DeploymentRecord }
  | { kind: 'merged'; message: string };

/** Seeds write history: a past creation time, and the sha the ref pointed at back then (the ref need not exist now). */
export interface DeploymentHistory {
  createdAt?: string;
  sha?: string;
}

/**
 * Creates a deployment with GitHub's checks, in GitHub's order: the ref must resolve (422), then
 * auto-merge (202/409, default on), then required contexts (409, default all).
 */
export function createDeployment(ctx: StoreContext, repo: RepositoryRecord, input: DeploymentInput, history: DeploymentHistory = {}): CreateDeploymentOutcome {
  const resolved = history.sha === undefined ? resolveRef(repo, input.ref) : { sha: history.sha, kind: 'sha' as const, name: input.ref };
  if (!resolved) throw new GitHubApiError(422, `No ref found for: ${input.ref}`);
  if (input.auto_merge ?? true) {
    const message = autoMergeDefaultBranch(ctx, repo, resolved);
    if (message) return { kind: 'merged', message };
  }
  checkRequiredContexts(repo, resolved.sha, input.ref, input.required_contexts);
  const id = nextId(ctx.state, 'deployment');
  const environment = input.environment ?? 'production';
  const now = history.createdAt ?? ctx.now();
  const deployment: DeploymentRecord = {
    id,
    node_id: nodeId('Deployment', id),
    sha: resolved.sha,
    ref: input.ref,
    task: input.task ?? 'deploy',
    payload: input.payload ?? {},
    environment,
    original_environment: environment,
    description: input.description === undefined ? '' : input.description,
    transient_environment: input.transient_environment ?? false,
    production_environment: input.production_environment ?? environment === 'production',
    created_at: now,
    updated_at: now,
    statuses: [],
  };
  repo.deployments.push(deployment);
  return { kind: 'created', deployment };
}

/** The deployment with this id in this repository, or 404. */
export function requireDeployment(repo: RepositoryRecord, id: number): DeploymentRecord {
  const deployment = repo.deployments.find((candidate) => candidate.id === id);
  if (!deployment) throw notFound();
  return deployment;
}

/** Orders deployments newest first: by created_at, then id. */
export function compareNewestFirst(a: DeploymentRecord, b: DeploymentRecord): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.id - a.id;
}

/** The filters of GET /deployments; GitHub's documented default "none" means no filter. */
export interface DeploymentFilters {
  sha?: string;
  ref?: string;
  task?: string;
  environment?: string | null;
}

/** Deployments matching every given filter, newest first. */
export function listDeployments(repo: RepositoryRecord, filters: DeploymentFilters): DeploymentRecord[] {
  const wanted = (value: string | null | undefined): value is string => typeof value === 'string' && value !== 'none';
  return repo.deployments
    .filter((d) => !wanted(filters.sha) || d.sha === filters.sha)
    .filter((d) => !wanted(filters.ref) || d.ref === filters.ref)
    .filter((d) => !wanted(filters.task) || d.task === filters.task)
    .filter((d) => !wanted(filters.environment) || d.environment === filters.environment)
    .sort(compareNewestFirst);
}

/** The state of a deployment's latest status, if it has any. */
export function latestState(deployment: DeploymentRecord): string | undefined {
  return deployment.statuses.at(-1)?.state;
}

/**
 * Deletes a deployment. Decides by: the deployment is inactive (latest status `inactive`) or is
 * the only deployment in its environment; otherwise GitHub's 422.
 */
export function deleteDeployment(repo: RepositoryRecord, id: number): void {
  const deployment = requireDeployment(repo, id);
  const inactive = latestState(deployment) === 'inactive';
  const alone = repo.deployments.every((other) => other.id === id || other.environment !== deployment.environment);
  if (!inactive && !alone) {
    throw new GitHubApiError(422, 'We cannot delete an active deployment unless it is the only deployment in a given environment.');
  }
  repo.deployments = repo.deployments.filter((other) => other.id !== id);
}
