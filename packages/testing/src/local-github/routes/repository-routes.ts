import { renderFullRepository } from '../render/render-repository';
import { repositoryOf, type RouteTable } from './route-types';

/** GET /repos/{owner}/{repo} and GET /rate_limit. */
export const repositoryRoutes: RouteTable = {
  'repos/get': (ctx) => ({ status: 200, body: renderFullRepository(ctx.render, repositoryOf(ctx)) }),
  'rate-limit/get': (ctx) => {
    // Only `core` is metered here; the other resources report GitHub's limits, untouched.
    const core = ctx.rate;
    const untouched = (limit: number) => ({ limit, remaining: limit, reset: core.reset, used: 0 });
    return { status: 200, body: { resources: { core, search: untouched(30), graphql: untouched(5000) }, rate: core } };
  },
};
