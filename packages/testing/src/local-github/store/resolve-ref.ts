import type { RepositoryRecord } from './records';

/** What a ref string resolved to. */
export interface ResolvedRef {
  /** The commit sha (annotated tags are peeled). */
  sha: string;
  kind: 'branch' | 'tag' | 'sha';
  /** The branch or tag name without `refs/heads/` / `refs/tags/`, or the full sha. */
  name: string;
}

/** The sha a full ref name (`refs/heads/main`) points at. */
export function refTarget(repo: RepositoryRecord, fullRef: string): string | undefined {
  return repo.refs.find((ref) => ref.ref === fullRef)?.sha;
}

/** Follows annotated tag objects down to the commit they tag. */
export function peel(repo: RepositoryRecord, sha: string): string {
  let current = sha;
  for (let depth = 0; depth < 10; depth += 1) {
    const tag = repo.tag_objects.find((object) => object.sha === current);
    if (!tag) return current;
    current = tag.object.sha;
  }
  return current;
}

function stripPrefix(ref: string): { heads?: string; tags?: string; bare: string } {
  const bare = ref.replace(/^refs\//, '');
  if (bare.startsWith('heads/')) return { heads: bare.slice('heads/'.length), bare };
  if (bare.startsWith('tags/')) return { tags: bare.slice('tags/'.length), bare };
  return { bare };
}

/**
 * Resolves a branch, tag or sha as GitHub's `ref` parameters do. Decides by, in order: a full
 * 40-hex sha of a known commit; a branch; a tag; a unique short sha of at least 7 hex digits.
 * `heads/x`, `tags/x` and `refs/...` forms are accepted too.
 */
export function resolveRef(repo: RepositoryRecord, ref: string): ResolvedRef | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref)) {
    const sha = ref.toLowerCase();
    if (repo.commits.some((commit) => commit.sha === sha)) return { sha, kind: 'sha', name: sha };
  }
  const { heads, tags, bare } = stripPrefix(ref);
  const branch = heads ?? (tags === undefined ? bare : undefined);
  if (branch !== undefined) {
    const sha = refTarget(repo, `refs/heads/${branch}`);
    if (sha) return { sha: peel(repo, sha), kind: 'branch', name: branch };
  }
  const tag = tags ?? (heads === undefined ? bare : undefined);
  if (tag !== undefined) {
    const sha = refTarget(repo, `refs/tags/${tag}`);
    if (sha) return { sha: peel(repo, sha), kind: 'tag', name: tag };
  }
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    const matches = repo.commits.filter((commit) => commit.sha.startsWith(ref.toLowerCase()));
    const only = matches.length === 1 ? matches[0] : undefined;
    if (only) return { sha: only.sha, kind: 'sha', name: only.sha };
  }
  return undefined;
}
