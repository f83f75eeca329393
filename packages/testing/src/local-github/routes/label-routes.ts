import { renderLabel } from '../render/render-issue';
import { createLabel, requireLabel, type LabelInput } from '../store/labels';
import { paginate } from './paginate';
import { listReply, repositoryOf, text, type RouteTable } from './route-types';

/** The Labels API of a repository. */
export const labelRoutes: RouteTable = {
  'issues/list-labels-for-repo': (ctx) => {
    const repo = repositoryOf(ctx);
    const page = paginate(repo.labels, ctx.query, ctx.requestUrl);
    return listReply(page.items.map((label) => renderLabel(ctx.render, repo, label)), page.link);
  },
  'issues/create-label': (ctx) => {
    const repo = repositoryOf(ctx);
    const body = renderLabel(ctx.render, repo, createLabel(ctx.store, repo, ctx.body as LabelInput));
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'issues/get-label': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: renderLabel(ctx.render, repo, requireLabel(repo, text(ctx.params, 'name'))) };
  },
};
