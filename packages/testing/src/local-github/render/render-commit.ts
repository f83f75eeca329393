import type { CommitRecord, RepositoryRecord } from '../store/records';
import type { Comparison } from '../store/commit-queries';
import { repoApiUrl, repoHtmlUrl, type RenderContext } from './render-context';
import { renderUser } from './render-user';

/** The `verification` block of an unsigned object. */
export const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/**
 * A `commit` object. `detailed` adds `stats` and `files` as GET /commits/{ref} does; the local
 * GitHub has no file contents, so both are empty.
 */
export function renderCommit(ctx: RenderContext, repo: RepositoryRecord, commit: CommitRecord, detailed = false): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(ctx, repo);
  const user = commit.login === null ? null : renderUser(ctx, commit.login);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${repo.id}:${commit.sha}`).toString('base64'),
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree_sha, url: `${api}/git/trees/${commit.tree_sha}` },
      comment_count: 0,
      verification: UNSIGNED,
    },
    author: user,
    committer: user,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
    ...(detailed ? { stats: { total: 0, additions: 0, deletions: 0 }, files: [] } : {}),
  };
}

/** A `commit-comparison` object for GET /compare/{basehead}. */
export function renderComparison(ctx: RenderContext, repo: RepositoryRecord, basehead: string, comparison: Comparison): Record<string, unknown> {
  const html = `${repoHtmlUrl(ctx, repo)}/compare/${basehead}`;
  return {
    url: `${repoApiUrl(ctx, repo)}/compare/${basehead}`,
    html_url: html,
    permalink_url: `${repoHtmlUrl(ctx, repo)}/compare/${repo.owner}:${comparison.base.sha.slice(0, 7)}...${repo.owner}:${comparison.head.sha.slice(0, 7)}`,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: renderCommit(ctx, repo, comparison.base),
    merge_base_commit: renderCommit(ctx, repo, comparison.merge_base),
    status: comparison.status,
    ahead_by: comparison.ahead_by,
    behind_by: comparison.behind_by,
    total_commits: comparison.commits.length,
    commits: comparison.commits.map((commit) => renderCommit(ctx, repo, commit)),
    files: [],
  };
}
