import type { RefRecord, RepositoryRecord, TagObjectRecord } from '../store/records';
import { objectType } from '../store/git-refs';
import { repoApiUrl, type RenderContext } from './render-context';
import { UNSIGNED } from './render-commit';

/** A `git-ref` object; `object.type` is `tag` for refs to annotated tag objects. */
export function renderRef(ctx: RenderContext, repo: RepositoryRecord, ref: RefRecord): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const type = objectType(repo, ref.sha) ?? 'commit';
  return {
    ref: ref.ref,
    node_id: Buffer.from(`03:Ref${repo.id}:${ref.ref}`).toString('base64'),
    url: `${api}/git/${ref.ref}`,
    object: { sha: ref.sha, type, url: `${api}/git/${type === 'tag' ? 'tags' : 'commits'}/${ref.sha}` },
  };
}

/** A `git-tag` object. */
export function renderTagObject(ctx: RenderContext, repo: RepositoryRecord, tag: TagObjectRecord): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const kind = tag.object.type === 'commit' ? 'commits' : tag.object.type === 'tree' ? 'trees' : 'blobs';
  return {
    node_id: tag.node_id,
    sha: tag.sha,
    url: `${api}/git/tags/${tag.sha}`,
    tag: tag.tag,
    message: tag.message,
    tagger: tag.tagger,
    object: { sha: tag.object.sha, type: tag.object.type, url: `${api}/git/${kind}/${tag.object.sha}` },
    verification: UNSIGNED,
  };
}

/** A `tag` object of GET /tags. */
export function renderTag(ctx: RenderContext, repo: RepositoryRecord, tag: { name: string; sha: string }): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  return {
    name: tag.name,
    commit: { sha: tag.sha, url: `${api}/commits/${tag.sha}` },
    zipball_url: `${api}/zipball/refs/tags/${tag.name}`,
    tarball_url: `${api}/tarball/refs/tags/${tag.name}`,
    node_id: Buffer.from(`03:Ref${repo.id}:refs/tags/${tag.name}`).toString('base64'),
  };
}
