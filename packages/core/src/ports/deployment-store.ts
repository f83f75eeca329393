import type { DeploymentPayload } from '../records/deployment-payload';
import type { DeploymentHeader, DeploymentRecord, DeploymentState, DeploymentStatusRecord } from '../records/deployment-record';

/** A deployment to create; `sha` is always a full commit sha so GitHub records exactly that commit. */
export interface NewDeployment {
  sha: string;
  environment: string;
  task: string;
  productionEnvironment: boolean;
  description: string;
  payload: DeploymentPayload;
}

/** A status to add to a deployment; descriptions over 140 characters are cut by the store. */
export interface NewDeploymentStatus {
  state: DeploymentState;
  description: string;
  logUrl?: string;
  environmentUrl?: string;
}

/** Deployment records in the system of record (GitHub's Deployments API). */
export interface DeploymentStore {
  /** One page of an environment's deployments, newest first, without statuses (read those only when needed). */
  listDeployments(environment: string, page: number, perPage: number): Promise<{ deployments: DeploymentHeader[]; hasMore: boolean }>;
  /** A deployment's statuses, newest first. */
  listStatuses(deploymentId: number): Promise<DeploymentStatusRecord[]>;
  /** One deployment with its statuses, or undefined when it does not exist. */
  getDeployment(id: number): Promise<DeploymentRecord | undefined>;
  /** Environment names seen on the repository's recent deployments (for "unknown environment" errors). */
  listEnvironments(): Promise<string[]>;
  createDeployment(deployment: NewDeployment): Promise<DeploymentRecord>;
  createStatus(deploymentId: number, status: NewDeploymentStatus): Promise<void>;
}
