import { GitHubApiError, notFound } from '../github-api-error';
import { ancestors, findCommit, logFrom, mergeBase } from './git-graph';
import type { CommitRecord, RepositoryRecord } from './records';
import { resolveRef } from './resolve-ref';

/** The query of GET /repos/{owner}/{repo}/commits the store understands. */
export interface CommitQuery {
  sha?: string;
  author?: string;
  since?: string;
  until?: string;
}

/** GET /commits: `git log` from `sha` (a sha or branch; default branch when omitted). */
export function listCommits(repo: RepositoryRecord, query: CommitQuery): CommitRecord[] {
  if (repo.commits.length === 0) throw new GitHubApiError(409, 'Git Repository is empty.');
  const start = query.sha ?? repo.default_branch;
  const resolved = resolveRef(repo, start);
  if (!resolved) throw notFound();
  const author = query.author?.toLowerCase();
  return logFrom(repo, resolved.sha)
    .filter((commit) => author === undefined || commit.author.email.toLowerCase() === author || commit.login?.toLowerCase() === author)
    .filter((commit) => query.since === undefined || Date.parse(commit.committer.date) >= Date.parse(query.since))
    .filter((commit) => query.until === undefined || Date.parse(commit.committer.date) <= Date.parse(query.until));
}

/** GET /commits/{ref}: a sha, short sha, branch or tag; GitHub answers 422 for anything else. */
export function requireCommit(repo: RepositoryRecord, ref: string): CommitRecord {
  const resolved = resolveRef(repo, ref);
  const commit = resolved && findCommit(repo, resolved.sha);
  if (!commit) throw new GitHubApiError(422, `No commit found for SHA: ${ref}`);
  return commit;
}

/** The outcome of comparing two commits. */
export interface Comparison {
  status: 'ahead' | 'behind' | 'identical' | 'diverged';
  ahead_by: number;
  behind_by: number;
  base: CommitRecord;
  head: CommitRecord;
  merge_base: CommitRecord;
  /** Commits in head but not in base, oldest first. */
  commits: CommitRecord[];
}

function resolveSide(repo: RepositoryRecord, side: string): CommitRecord {
  // `owner:branch` names a side in a fork; only this repository's owner is known here.
  const ref = side.includes(':') && side.split(':')[0]?.toLowerCase() === repo.owner.toLowerCase() ? side.slice(side.indexOf(':') + 1) : side;
  const resolved = resolveRef(repo, ref);
  const commit = resolved && findCommit(repo, resolved.sha);
  if (!commit) throw notFound();
  return commit;
}

/**
 * GET /compare/{base}...{head}. Decides by the commit sets reachable from each side: ahead_by
 * counts head-only commits, behind_by base-only ones; the status follows from which are zero.
 * Unknown sides, unrelated histories and other separators answer 404 as on GitHub.
 */
export function compareCommits(repo: RepositoryRecord, basehead: string): Comparison {
  const parts = basehead.split('...');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw notFound();
  const base = resolveSide(repo, parts[0]);
  const head = resolveSide(repo, parts[1]);
  const common = mergeBase(repo, base.sha, head.sha);
  if (!common) throw notFound();
  const fromBase = ancestors(repo, base.sha);
  const fromHead = ancestors(repo, head.sha);
  const commits = logFrom(repo, head.sha).filter((commit) => !fromBase.has(commit.sha)).reverse();
  const behind_by = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
  const ahead_by = commits.length;
  const status = ahead_by === 0 && behind_by === 0 ? 'identical' : behind_by === 0 ? 'ahead' : ahead_by === 0 ? 'behind' : 'diverged';
  return { status, ahead_by, behind_by, base, head, merge_base: common, commits };
}
