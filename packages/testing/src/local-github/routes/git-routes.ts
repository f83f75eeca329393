import { renderRef, renderTag, renderTagObject } from '../render/render-git';
import { BOT_LOGIN } from '../store/issues';
import { createRef, createTagObject, deleteRef, listTags, matchingRefs, requireRef, requireTagObject, updateRef, type TagObjectInput } from '../store/git-refs';
import { paginate } from './paginate';
import { listReply, repositoryOf, text, type RouteTable } from './route-types';

const TAGGER = { name: BOT_LOGIN, email: '41898282+github-actions[bot]@users.noreply.github.com' };

/** The Git database API (refs and annotated tags) and the repository tag list. */
export const gitRoutes: RouteTable = {
  'git/get-ref': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: renderRef(ctx.render, repo, requireRef(repo, text(ctx.params, 'ref'))) };
  },
  'git/list-matching-refs': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: matchingRefs(repo, text(ctx.params, 'ref')).map((ref) => renderRef(ctx.render, repo, ref)) };
  },
  'git/create-ref': (ctx) => {
    const repo = repositoryOf(ctx);
    const body = renderRef(ctx.render, repo, createRef(repo, ctx.body as { ref: string; sha: string }));
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'git/update-ref': (ctx) => {
    const repo = repositoryOf(ctx);
    const ref = updateRef(repo, text(ctx.params, 'ref'), ctx.body as { sha: string; force?: boolean });
    return { status: 200, body: renderRef(ctx.render, repo, ref) };
  },
  'git/delete-ref': (ctx) => {
    deleteRef(repositoryOf(ctx), text(ctx.params, 'ref'));
    return { status: 204 };
  },
  'git/create-tag': (ctx) => {
    const repo = repositoryOf(ctx);
    const body = renderTagObject(ctx.render, repo, createTagObject(ctx.store, repo, ctx.body as TagObjectInput, TAGGER));
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'git/get-tag': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: renderTagObject(ctx.render, repo, requireTagObject(repo, text(ctx.params, 'tag_sha'))) };
  },
  'repos/list-tags': (ctx) => {
    const repo = repositoryOf(ctx);
    const page = paginate(listTags(repo), ctx.query, ctx.requestUrl);
    return listReply(page.items.map((tag) => renderTag(ctx.render, repo, tag)), page.link);
  },
};
