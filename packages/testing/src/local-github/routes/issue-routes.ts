import { renderIssue, renderIssueComment, renderLabel } from '../render/render-issue';
import { filterIssues, type IssueQuery } from '../store/issue-query';
import { addIssueLabels, createIssue, createIssueComment, requireIssue, requireIssueComment, updateIssue, type IssueInput } from '../store/issues';
import { findLabel } from '../store/labels';
import type { IssueRecord, RepositoryRecord } from '../store/records';
import { paginate } from './paginate';
import { integer, listReply, repositoryOf, type RouteContext, type RouteTable } from './route-types';

/** The body shapes of POST/PATCH /issues the description allows (labels as names or objects). */
interface IssueBody {
  title?: string | number | null;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueRecord['state_reason'];
  labels?: (string | { name?: string })[];
}

function labelNames(labels: IssueBody['labels']): string[] | undefined {
  return labels?.flatMap((label) => (typeof label === 'string' ? [label] : label.name ? [label.name] : []));
}

function toInput(body: IssueBody): IssueInput {
  const input: IssueInput = {};
  if (body.title !== undefined && body.title !== null) input.title = String(body.title);
  if (body.body !== undefined) input.body = body.body;
  if (body.state !== undefined) input.state = body.state;
  if (body.state_reason !== undefined) input.state_reason = body.state_reason;
  const labels = labelNames(body.labels);
  if (labels !== undefined) input.labels = labels;
  return input;
}

function issueOf(ctx: RouteContext): { repo: RepositoryRecord; issue: IssueRecord } {
  const repo = repositoryOf(ctx);
  return { repo, issue: requireIssue(repo, integer(ctx.params, 'issue_number')) };
}

/** The Issues API: issues, their comments and labels on them. */
export const issueRoutes: RouteTable = {
  'issues/create': (ctx) => {
    const repo = repositoryOf(ctx);
    const input = toInput(ctx.body as IssueBody);
    const issue = createIssue(ctx.store, repo, { ...input, title: input.title ?? '' });
    const body = renderIssue(ctx.render, repo, issue);
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'issues/list-for-repo': (ctx) => {
    const repo = repositoryOf(ctx);
    const page = paginate(filterIssues(repo.issues, ctx.query as IssueQuery), ctx.query, ctx.requestUrl);
    return listReply(page.items.map((issue) => renderIssue(ctx.render, repo, issue)), page.link);
  },
  'issues/get': (ctx) => {
    const { repo, issue } = issueOf(ctx);
    return { status: 200, body: renderIssue(ctx.render, repo, issue) };
  },
  'issues/update': (ctx) => {
    const { repo, issue } = issueOf(ctx);
    updateIssue(ctx.store, repo, issue, toInput((ctx.body ?? {}) as IssueBody));
    return { status: 200, body: renderIssue(ctx.render, repo, issue) };
  },
  'issues/create-comment': (ctx) => {
    const { repo, issue } = issueOf(ctx);
    const comment = createIssueComment(ctx.store, issue, (ctx.body as { body: string }).body);
    const body = renderIssueComment(ctx.render, repo, issue, comment);
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'issues/list-comments': (ctx) => {
    const { repo, issue } = issueOf(ctx);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const comments = issue.comments.filter((comment) => since === undefined || Date.parse(comment.updated_at) >= since);
    const page = paginate(comments, ctx.query, ctx.requestUrl);
    return listReply(page.items.map((comment) => renderIssueComment(ctx.render, repo, issue, comment)), page.link);
  },
  'issues/update-comment': (ctx) => {
    const repo = repositoryOf(ctx);
    const { issue, comment } = requireIssueComment(repo, integer(ctx.params, 'comment_id'));
    comment.body = (ctx.body as { body: string }).body;
    comment.updated_at = ctx.store.now();
    return { status: 200, body: renderIssueComment(ctx.render, repo, issue, comment) };
  },
  'issues/add-labels': (ctx) => {
    const { repo, issue } = issueOf(ctx);
    addIssueLabels(ctx.store, repo, issue, labelNames((ctx.body as IssueBody | undefined)?.labels) ?? []);
    const labels = issue.labels.flatMap((name) => {
      const label = findLabel(repo, name);
      return label ? [renderLabel(ctx.render, repo, label)] : [];
    });
    return { status: 200, body: labels };
  },
};
