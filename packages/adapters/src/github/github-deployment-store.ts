import {
  ExternalError,
  parseDeploymentPayload,
  STATUS_DESCRIPTION_MAX,
  truncate,
  type DeploymentRecord,
  type DeploymentState,
  type DeploymentStore,
  type NewDeployment,
  type NewDeploymentStatus,
} from '@safe-deploy/core';
import type { GitHubClient } from './create-github-client';
import { callGitHub } from './github-error';
import type { RepoCoordinates } from './repo-coordinates';

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

  async listDeployments(environment: string, page: number, perPage: number): Promise<{ deployments: DeploymentRecord[]; hasMore: boolean }> {
    const response = await callGitHub(`list the deployments of '${environment}'`, () =>
      this.octokit.rest.repos.listDeployments({ ...this.repo, environment, per_page: perPage, page }),
    );
    const deployments = await Promise.all(response.data.map((deployment) => this.withStatuses(deployment as ApiDeployment)));
    return { deployments, hasMore: /rel="next"/.test(response.headers.link ?? '') };
  }

  async getDeployment(id: number): Promise<DeploymentRecord | undefined> {
    try {
      const response = await this.octokit.rest.repos.getDeployment({ ...this.repo, deployment_id: id });
      return await this.withStatuses(response.data as ApiDeployment);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      return callGitHub(`read deployment #${id}`, () => Promise.reject(error));
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
    return toRecord(response.data as ApiDeployment, []);
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

  private async withStatuses(deployment: ApiDeployment): Promise<DeploymentRecord> {
    const statuses = await callGitHub(`read the statuses of deployment #${deployment.id}`, () =>
      this.octokit.paginate(this.octokit.rest.repos.listDeploymentStatuses, { ...this.repo, deployment_id: deployment.id, per_page: 100 }),
    );
    return toRecord(deployment, statuses as ApiStatus[]);
  }
}

function toRecord(deployment: ApiDeployment, statuses: ApiStatus[]): DeploymentRecord {
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
    statuses: statuses.map((status) => ({
      id: status.id,
      state: status.state as DeploymentState,
      description: status.description ?? '',
      createdAt: status.created_at,
      ...(status.log_url ? { logUrl: status.log_url } : {}),
      ...(status.environment_url ? { environmentUrl: status.environment_url } : {}),
    })),
  };
}
