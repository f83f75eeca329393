import { createHash } from 'node:crypto';
import type { CommitRecord, GitActorRecord, RepositoryRecord } from './records';

/** A 40-hex sha1 of the given parts, git-style: same content and parents give the same sha. */
export function hashObject(kind: string, ...parts: unknown[]): string {
  return createHash('sha1').update(`${kind}\0${JSON.stringify(parts)}`).digest('hex');
}

/** The fields a new commit is built from. */
export interface CommitDraft {
  sha?: string;
  message: string;
  author: GitActorRecord;
  login: string | null;
  parents: string[];
  /** Whether the date takes part in the sha; seeds without an explicit date leave it out so shas are stable. */
  hashDate: boolean;
}

/** Builds a commit record; the sha is derived from message, author and parents unless given. */
export function buildCommit(draft: CommitDraft): CommitRecord {
  const { name, email, date } = draft.author;
  const sha = draft.sha ?? hashObject('commit', draft.message, name, email, draft.hashDate ? date : null, draft.parents);
  return {
    sha,
    tree_sha: hashObject('tree', sha),
    message: draft.message,
    author: draft.author,
    committer: draft.author,
    login: draft.login,
    parents: draft.parents,
  };
}

/** Finds a commit by full sha. */
export function findCommit(repo: RepositoryRecord, sha: string): CommitRecord | undefined {
  return repo.commits.find((commit) => commit.sha === sha);
}

/**
 * `git log` order from a head: newest committer date first, ties broken by creation order
 * (later-created first), every ancestor once.
 */
export function logFrom(repo: RepositoryRecord, head: string): CommitRecord[] {
  const order = new Map(repo.commits.map((commit, index) => [commit.sha, { commit, index }]));
  const pending = new Map<string, { commit: CommitRecord; index: number }>();
  const seen = new Set<string>();
  const out: CommitRecord[] = [];
  const start = order.get(head);
  if (start) pending.set(head, start);
  while (pending.size > 0) {
    let best: { commit: CommitRecord; index: number } | undefined;
    for (const entry of pending.values()) {
      if (!best || entry.commit.committer.date > best.commit.committer.date
        || (entry.commit.committer.date === best.commit.committer.date && entry.index > best.index)) best = entry;
    }
    if (!best) break;
    pending.delete(best.commit.sha);
    seen.add(best.commit.sha);
    out.push(best.commit);
    for (const parent of best.commit.parents) {
      const entry = order.get(parent);
      if (entry && !seen.has(parent)) pending.set(parent, entry);
    }
  }
  return out;
}

/** Every commit reachable from `head`, including itself. */
export function ancestors(repo: RepositoryRecord, head: string): Set<string> {
  return new Set(logFrom(repo, head).map((commit) => commit.sha));
}

/** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
export function isAncestor(repo: RepositoryRecord, ancestor: string, descendant: string): boolean {
  return ancestors(repo, descendant).has(ancestor);
}

/** The newest common ancestor of two commits, or undefined for unrelated histories. */
export function mergeBase(repo: RepositoryRecord, a: string, b: string): CommitRecord | undefined {
  const fromA = ancestors(repo, a);
  return logFrom(repo, b).find((commit) => fromA.has(commit.sha));
}
