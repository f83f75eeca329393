import type { CommitStatusRecord, RepositoryRecord } from '../store/records';
import { combinedState } from '../store/commit-statuses';
import { BOT_LOGIN } from '../store/issues';
import { repoApiUrl, type RenderContext } from './render-context';
import { renderMinimalRepository } from './render-repository';
import { renderUser } from './render-user';

const AVATAR = 'https://avatars.githubusercontent.com/in/15368?v=4';

/** A `status` object (POST /statuses/{sha}). */
export function renderCommitStatus(ctx: RenderContext, repo: RepositoryRecord, status: CommitStatusRecord): Record<string, unknown> {
  return {
    url: `${repoApiUrl(ctx, repo)}/statuses/${status.sha}`,
    avatar_url: AVATAR,
    id: status.id,
    node_id: status.node_id,
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at,
    creator: renderUser(ctx, BOT_LOGIN),
  };
}

/** A `combined-commit-status` object from the latest status per context. */
export function renderCombinedStatus(ctx: RenderContext, repo: RepositoryRecord, sha: string, latest: CommitStatusRecord[]): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  return {
    state: combinedState(latest),
    // The combined status lists the same objects without their creator.
    statuses: latest.map((status) => {
      const { creator: _creator, ...rest } = renderCommitStatus(ctx, repo, status);
      return rest;
    }),
    sha,
    total_count: latest.length,
    repository: renderMinimalRepository(ctx, repo),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  };
}
