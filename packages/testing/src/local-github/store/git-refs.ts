import { GitHubApiError, notFound } from '../github-api-error';
import { hashObject, isAncestor } from './git-graph';
import type { GitActorRecord, RefRecord, RepositoryRecord, TagObjectRecord } from './records';
import { peel } from './resolve-ref';
import { nodeId, type StoreContext } from './store-state';

/** The git object type a sha names in this repository, if any. */
export function objectType(repo: RepositoryRecord, sha: string): 'commit' | 'tag' | undefined {
  if (repo.commits.some((commit) => commit.sha === sha)) return 'commit';
  if (repo.tag_objects.some((tag) => tag.sha === sha)) return 'tag';
  return undefined;
}

/** GET /git/ref/{ref}: `heads/main` or `tags/v1` (exact match), or 404. */
export function requireRef(repo: RepositoryRecord, ref: string): RefRecord {
  const found = repo.refs.find((candidate) => candidate.ref === `refs/${ref}`);
  if (!found) throw notFound();
  return found;
}

/** GET /git/matching-refs/{ref}: every ref starting with `refs/<ref>`, sorted by name. */
export function matchingRefs(repo: RepositoryRecord, prefix: string): RefRecord[] {
  return repo.refs.filter((ref) => ref.ref.startsWith(`refs/${prefix}`)).sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

/**
 * POST /git/refs. Decides by: the name starts with `refs/` and has at least two slashes; no ref
 * of that name exists; the sha names a commit or tag object. Each failure is GitHub's 422.
 */
export function createRef(repo: RepositoryRecord, input: { ref: string; sha: string }): RefRecord {
  if (!input.ref.startsWith('refs/') || input.ref.split('/').length < 3) {
    throw new GitHubApiError(422, 'Reference name must contain at least three slash-separated components.');
  }
  if (repo.refs.some((ref) => ref.ref === input.ref)) throw new GitHubApiError(422, 'Reference already exists');
  if (!objectType(repo, input.sha)) throw new GitHubApiError(422, 'Object does not exist');
  const ref = { ref: input.ref, sha: input.sha };
  repo.refs.push(ref);
  return ref;
}

/**
 * PATCH /git/refs/{ref}. Decides by: the ref exists; the sha names an object; without `force`
 * the new commit must contain the current one (fast-forward). Each failure is GitHub's 422.
 */
export function updateRef(repo: RepositoryRecord, name: string, input: { sha: string; force?: boolean }): RefRecord {
  const ref = repo.refs.find((candidate) => candidate.ref === `refs/${name}`);
  if (!ref) throw new GitHubApiError(422, 'Reference does not exist');
  if (!objectType(repo, input.sha)) throw new GitHubApiError(422, 'Object does not exist');
  if (!input.force && !isAncestor(repo, peel(repo, ref.sha), peel(repo, input.sha))) {
    throw new GitHubApiError(422, 'Update is not a fast forward');
  }
  ref.sha = input.sha;
  return ref;
}

/** DELETE /git/refs/{ref}; an unknown ref is GitHub's 422 `Reference does not exist`. */
export function deleteRef(repo: RepositoryRecord, name: string): void {
  const before = repo.refs.length;
  repo.refs = repo.refs.filter((ref) => ref.ref !== `refs/${name}`);
  if (repo.refs.length === before) throw new GitHubApiError(422, 'Reference does not exist');
}

/** The body of POST /git/tags. */
export interface TagObjectInput {
  tag: string;
  message: string;
  object: string;
  type: 'commit' | 'tree' | 'blob';
  tagger?: { name: string; email: string; date?: string };
}

/** POST /git/tags: an annotated tag object (no ref is created, as on GitHub). */
export function createTagObject(ctx: StoreContext, repo: RepositoryRecord, input: TagObjectInput, defaultTagger: Omit<GitActorRecord, 'date'>): TagObjectRecord {
  if (!objectType(repo, input.object)) throw new GitHubApiError(422, 'Object does not exist');
  const tagger = { name: input.tagger?.name ?? defaultTagger.name, email: input.tagger?.email ?? defaultTagger.email, date: input.tagger?.date ?? ctx.now() };
  const sha = hashObject('tag', input.tag, input.message, input.object, tagger);
  const existing = repo.tag_objects.find((tag) => tag.sha === sha);
  if (existing) return existing;
  const tag: TagObjectRecord = { sha, node_id: nodeId('Tag', sha), tag: input.tag, message: input.message, object: { sha: input.object, type: input.type }, tagger };
  repo.tag_objects.push(tag);
  return tag;
}

/** An annotated tag object by sha, or 404. */
export function requireTagObject(repo: RepositoryRecord, sha: string): TagObjectRecord {
  const tag = repo.tag_objects.find((candidate) => candidate.sha === sha);
  if (!tag) throw notFound();
  return tag;
}

/**
 * GET /tags: every tag with the commit it peels to. GitHub's order is not documented; this lists
 * names in descending natural order (v1.10.0 before v1.9.0), which is what it appears to do.
 */
export function listTags(repo: RepositoryRecord): { name: string; sha: string }[] {
  return repo.refs
    .filter((ref) => ref.ref.startsWith('refs/tags/'))
    .map((ref) => ({ name: ref.ref.slice('refs/tags/'.length), sha: peel(repo, ref.sha) }))
    .sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true }));
}
