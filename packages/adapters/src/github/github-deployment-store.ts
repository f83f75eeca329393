import {
  ExternalError,
  parseDeploymentPayload,
  STATUS_DESCRIPTION_MAX,
  truncate,
  type DeploymentHeader,
  type DeploymentRecord,
  type DeploymentState,
  type DeploymentStatusRecord,
  type DeploymentStore,
  type NewDeployment,
  type NewDeploymentStatus,
} from '@safe-deploy/core';
import type { GitHubClient } from './create-github-client';
import { callGitHub, toGitHubError } from './github-error';
import type { RepoCoordinates } from '@safe-deploy/core';

interface ApiDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  production_environment?: boolean;
  created_at: string;
  description: string | null;
  payload: unknown;
  url: string;
}

interface ApiStatus {
  id: number;
  state: string;
  description?: string;
  created_at: string;
  log_url?: string;
  environment_url?: string;
}

/** Deployment records over GitHub's Deployments API. */
export class GitHubDeploymentStore implements DeploymentStore {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: RepoCoordinates,
  ) {}

  async listDeployments(environment: string, page: number, perPage: number): Promise<{ deployments: DeploymentHeader[]; hasMore: boolean }> {
    const response = await callGitHub(`list the deployments of '${environment}'`, () =>
      this.octokit.rest.repos.listDeployments({ ...this.repo, environment, per_page: perPage, page }),
    );
    return { deployments: response.data.map((deployment) => toHeader(deployment as ApiDeployment)), hasMore: /rel="next"/.test(response.headers.link ?? '') };
  }

  async listStatuses(deploymentId: number): Promise<DeploymentStatusRecord[]> {
    const statuses = await callGitHub(`read the statuses of deployment #${deploymentId}`, () =>
      this.octokit.paginate(this.octokit.rest.repos.listDeploymentStatuses, { ...this.repo, deployment_id: deploymentId, per_page: 100 }),
    );
    return (statuses as ApiStatus[]).map(toStatus);
  }

  async getDeployment(id: number): Promise<DeploymentRecord | undefined> {
    try {
      const response = await this.octokit.rest.repos.getDeployment({ ...this.repo, deployment_id: id });
      return { ...toHeader(response.data as ApiDeployment), statuses: await this.listStatuses(id) };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw toGitHubError(error, `read deployment #${id}`);
    }
  }

  async listEnvironments(): Promise<string[]> {
    const response = await callGitHub('list recent deployments', () => this.octokit.rest.repos.listDeployments({ ...this.repo, per_page: 100 }));
    return [...new Set(response.data.map((deployment) => deployment.environment))].sort();
  }

  async createDeployment(deployment: NewDeployment): Promise<DeploymentRecord> {
    const response = await callGitHub(`create a ${deployment.task} deployment of ${deployment.sha.slice(0, 7)} in '${deployment.environment}'`, () =>
      this.octokit.rest.repos.createDeployment({
        ...this.repo,
        ref: deployment.sha,
        task: deployment.task,
        auto_merge: false,
        required_contexts: [],
        environment: deployment.environment,
        production_environment: deployment.productionEnvironment,
        transient_environment: false,
        description: truncate(deployment.description, STATUS_DESCRIPTION_MAX),
        payload: deployment.payload as unknown as { [key: string]: unknown },
      }),
    );
    if (response.status !== 201 || !('id' in response.data)) {
      throw new ExternalError('GitHub', `did not create the deployment (HTTP ${response.status}: ${(response.data as { message?: string }).message ?? 'no message'}).`, {
        status: response.status,
        retryable: false,
      });
    }
    return { ...toHeader(response.data as ApiDeployment), statuses: [] };
  }

  async createStatus(deploymentId: number, status: NewDeploymentStatus): Promise<void> {
    await callGitHub(`set deployment #${deploymentId} to ${status.state}`, () =>
      this.octokit.rest.repos.createDeploymentStatus({
        ...this.repo,
        deployment_id: deploymentId,
        state: status.state,
        description: truncate(status.description, STATUS_DESCRIPTION_MAX),
        auto_inactive: true,
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
        ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
      }),
    );
  }
}

function toHeader(deployment: ApiDeployment): DeploymentHeader {
  const { payload, problem } = parseDeploymentPayload(deployment.payload);
  return {
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    environment: deployment.environment,
    productionEnvironment: deployment.production_environment ?? deployment.environment === 'production',
    createdAt: deployment.created_at,
    description: deployment.description ?? '',
    payload,
    ...(problem ? { payloadProblem: problem } : {}),
    url: deployment.url,
  };
}

function toStatus(status: ApiStatus): DeploymentStatusRecord {
  return {
    id: status.id,
    state: status.state as DeploymentState,
    description: status.description ?? '',
    createdAt: status.created_at,
    ...(status.log_url ? { logUrl: status.log_url } : {}),
    ...(status.environment_url ? { environmentUrl: status.environment_url } : {}),
  };
}
