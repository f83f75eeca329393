import type { DeploymentRecord, DeploymentStatusRecord, RepositoryRecord } from '../store/records';
import { BOT_LOGIN } from '../store/issues';
import { repoApiUrl, type RenderContext } from './render-context';
import { renderUser } from './render-user';

/** The API URL of a deployment. */
export function deploymentUrl(ctx: RenderContext, repo: RepositoryRecord, deployment: DeploymentRecord): string {
  return `${repoApiUrl(ctx, repo)}/deployments/${deployment.id}`;
}

/** A `deployment` object. */
export function renderDeployment(ctx: RenderContext, repo: RepositoryRecord, deployment: DeploymentRecord): Record<string, unknown> {
  const url = deploymentUrl(ctx, repo, deployment);
  return {
    url,
    id: deployment.id,
    node_id: deployment.node_id,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.original_environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: renderUser(ctx, BOT_LOGIN),
    created_at: deployment.created_at,
    updated_at: deployment.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: repoApiUrl(ctx, repo),
    transient_environment: deployment.transient_environment,
    production_environment: deployment.production_environment,
    performed_via_github_app: null,
  };
}

/** The API URL of a deployment status. */
export function deploymentStatusUrl(ctx: RenderContext, repo: RepositoryRecord, deployment: DeploymentRecord, status: DeploymentStatusRecord): string {
  return `${deploymentUrl(ctx, repo, deployment)}/statuses/${status.id}`;
}

/** A `deployment-status` object. */
export function renderDeploymentStatus(ctx: RenderContext, repo: RepositoryRecord, deployment: DeploymentRecord, status: DeploymentStatusRecord): Record<string, unknown> {
  return {
    url: deploymentStatusUrl(ctx, repo, deployment, status),
    id: status.id,
    node_id: status.node_id,
    state: status.state,
    creator: renderUser(ctx, BOT_LOGIN),
    description: status.description,
    environment: status.environment,
    target_url: status.target_url,
    created_at: status.created_at,
    updated_at: status.updated_at,
    deployment_url: deploymentUrl(ctx, repo, deployment),
    repository_url: repoApiUrl(ctx, repo),
    environment_url: status.environment_url,
    log_url: status.log_url,
    performed_via_github_app: null,
  };
}
