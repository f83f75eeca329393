import type { IssueCommentRecord, IssueRecord, LabelRecord, RepositoryRecord } from '../store/records';
import { findLabel } from '../store/labels';
import { repoApiUrl, repoHtmlUrl, type RenderContext } from './render-context';
import { renderUser } from './render-user';

/** A `label` object. */
export function renderLabel(ctx: RenderContext, repo: RepositoryRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${repoApiUrl(ctx, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

/** An `issue` object; labels are expanded to label objects as GitHub does. */
export function renderIssue(ctx: RenderContext, repo: RepositoryRecord, issue: IssueRecord): Record<string, unknown> {
  const url = `${repoApiUrl(ctx, repo)}/issues/${issue.number}`;
  const labels = issue.labels.flatMap((name) => {
    const label = findLabel(repo, name);
    return label ? [renderLabel(ctx, repo, label)] : [];
  });
  return {
    id: issue.id,
    node_id: issue.node_id,
    url,
    repository_url: repoApiUrl(ctx, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repoHtmlUrl(ctx, repo)}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: renderUser(ctx, issue.user),
    labels,
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closed_at,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    author_association: 'NONE',
    timeline_url: `${url}/timeline`,
  };
}

/** An `issue-comment` object. */
export function renderIssueComment(ctx: RenderContext, repo: RepositoryRecord, issue: IssueRecord, comment: IssueCommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: comment.node_id,
    url: `${repoApiUrl(ctx, repo)}/issues/comments/${comment.id}`,
    html_url: `${repoHtmlUrl(ctx, repo)}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${repoApiUrl(ctx, repo)}/issues/${issue.number}`,
    body: comment.body,
    user: renderUser(ctx, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE',
  };
}
