import { GitHubApiError } from '../github-api-error';
import type { CommitStatusRecord, RepositoryRecord } from './records';
import { resolveRef } from './resolve-ref';
import { nextId, nodeId, type StoreContext } from './store-state';

/** The body of POST /repos/{owner}/{repo}/statuses/{sha}. */
export interface CommitStatusInput {
  state: CommitStatusRecord['state'];
  target_url?: string | null;
  description?: string | null;
  context?: string;
}

/** Creates a commit status; the sha must name a known commit (422 otherwise, as on GitHub). */
export function createCommitStatus(ctx: StoreContext, repo: RepositoryRecord, sha: string, input: CommitStatusInput, createdAt?: string): CommitStatusRecord {
  const resolved = resolveRef(repo, sha);
  if (!resolved) throw new GitHubApiError(422, `No commit found for SHA: ${sha}`);
  const id = nextId(ctx.state, 'commit_status');
  const now = createdAt ?? ctx.now();
  const status: CommitStatusRecord = {
    id,
    node_id: nodeId('StatusContext', id),
    sha: resolved.sha,
    state: input.state,
    context: input.context ?? 'default',
    description: input.description ?? null,
    target_url: input.target_url ?? null,
    created_at: now,
    updated_at: now,
  };
  repo.commit_statuses.push(status);
  return status;
}

/** The latest status per context for a commit, in the order the contexts first appeared. */
export function latestCommitStatuses(repo: RepositoryRecord, sha: string): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const status of repo.commit_statuses) {
    if (status.sha === sha) latest.set(status.context, status);
  }
  return [...latest.values()];
}

/**
 * The combined state GitHub reports. Decides by the latest status per context: any `error` or
 * `failure` → failure; any `pending`, or no statuses at all → pending; otherwise success.
 */
export function combinedState(statuses: CommitStatusRecord[]): 'failure' | 'pending' | 'success' {
  if (statuses.some((status) => status.state === 'error' || status.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((status) => status.state === 'pending')) return 'pending';
  return 'success';
}
