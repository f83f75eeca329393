import { startLocalGitHubServer } from './server/start-server';
import type { LocalGitHub, LocalGitHubOptions } from './types';

export type { LocalGitHub, LocalGitHubOptions, OpenApiViolation, RequestLogEntry } from './types';
export type { Fault } from './server/fault-queue';
export type { LocalGitHubSeed } from './seed/seed-schema';
export type {
  CommitRecord, CommitStatusRecord, DeploymentRecord, DeploymentState, DeploymentStatusRecord, IssueCommentRecord,
  IssueRecord, LabelRecord, LocalGitHubState, RefRecord, RepositoryRecord, TagObjectRecord,
} from './store/records';
export { parseSeed } from './seed/seed-schema';
export { readSeedFile } from './seed/read-seed-file';

/**
 * Starts the local GitHub: a stateful in-memory GitHub REST API (deployments, statuses, issues,
 * labels, commits, refs, tags) that checks every request and response against GitHub's OpenAPI
 * description. Point Octokit's `baseUrl` (or GITHUB_API_URL) at `url`.
 */
export async function startLocalGitHub(options?: LocalGitHubOptions): Promise<LocalGitHub> {
  return startLocalGitHubServer(options);
}
