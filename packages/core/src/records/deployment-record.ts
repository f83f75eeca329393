import type { DeploymentPayload } from './deployment-payload';

/** The states GitHub allows on a deployment status. */
export const DEPLOYMENT_STATES = ['queued', 'pending', 'in_progress', 'success', 'failure', 'error', 'inactive'] as const;
/** One of GitHub's deployment status states. */
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/** The tasks the suite writes: a normal deploy, a rollback, and a rollback drill. */
export const DEPLOYMENT_TASKS = { deploy: 'deploy', rollback: 'deploy:rollback', drill: 'deploy:drill' } as const;

/** One status in a deployment's history. */
export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  createdAt: string;
  logUrl?: string;
  environmentUrl?: string;
}

/** A deployment as the suite sees it: GitHub's fields plus the parsed payload (undefined when foreign or invalid). */
export interface DeploymentRecord extends DeploymentHeader {
  /** Newest first, as GitHub lists them. */
  statuses: DeploymentStatusRecord[];
}

/** A deployment without its statuses, as GitHub lists them (statuses cost one request per deployment). */
export interface DeploymentHeader {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  productionEnvironment: boolean;
  createdAt: string;
  description: string;
  payload: DeploymentPayload | undefined;
  /** Why the payload was not ours, when it was present but unreadable. */
  payloadProblem?: string;
  url: string;
}

/** The newest status's state, or undefined for a deployment nobody reported on yet. */
export function latestState(deployment: DeploymentRecord): DeploymentState | undefined {
  return deployment.statuses[0]?.state;
}

/** Statuses oldest first, the order in which they happened. */
export function chronological(statuses: DeploymentStatusRecord[]): DeploymentStatusRecord[] {
  return [...statuses].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}
