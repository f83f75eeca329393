import { renderCommit, renderComparison } from '../render/render-commit';
import { renderCombinedStatus, renderCommitStatus } from '../render/render-commit-status';
import { compareCommits, listCommits, requireCommit, type CommitQuery } from '../store/commit-queries';
import { createCommitStatus, latestCommitStatuses, type CommitStatusInput } from '../store/commit-statuses';
import { notFound } from '../github-api-error';
import { resolveRef } from '../store/resolve-ref';
import { paginate } from './paginate';
import { listReply, repositoryOf, text, type RouteTable } from './route-types';

/** The Commits API: history, single commits, comparisons and commit statuses. */
export const commitRoutes: RouteTable = {
  'repos/list-commits': (ctx) => {
    const repo = repositoryOf(ctx);
    const page = paginate(listCommits(repo, ctx.query as CommitQuery), ctx.query, ctx.requestUrl);
    return listReply(page.items.map((commit) => renderCommit(ctx.render, repo, commit)), page.link);
  },
  'repos/get-commit': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: renderCommit(ctx.render, repo, requireCommit(repo, text(ctx.params, 'ref')), true) };
  },
  'repos/compare-commits-with-basehead': (ctx) => {
    const repo = repositoryOf(ctx);
    const basehead = text(ctx.params, 'basehead');
    return { status: 200, body: renderComparison(ctx.render, repo, basehead, compareCommits(repo, basehead)) };
  },
  'repos/create-commit-status': (ctx) => {
    const repo = repositoryOf(ctx);
    const status = createCommitStatus(ctx.store, repo, text(ctx.params, 'sha'), ctx.body as CommitStatusInput);
    const body = renderCommitStatus(ctx.render, repo, status);
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'repos/get-combined-status-for-ref': (ctx) => {
    const repo = repositoryOf(ctx);
    const resolved = resolveRef(repo, text(ctx.params, 'ref'));
    if (!resolved) throw notFound();
    return { status: 200, body: renderCombinedStatus(ctx.render, repo, resolved.sha, latestCommitStatuses(repo, resolved.sha)) };
  },
};
