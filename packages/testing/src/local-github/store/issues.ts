import { notFound } from '../github-api-error';
import { ensureLabel } from './labels';
import type { IssueCommentRecord, IssueRecord, RepositoryRecord } from './records';
import { nextId, nodeId, type StoreContext } from './store-state';

/** The login every API write is attributed to: the token of a workflow run. */
export const BOT_LOGIN = 'github-actions[bot]';

/** The fields of POST /issues and PATCH /issues/{n} the store understands (labels by name). */
export interface IssueInput {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueRecord['state_reason'];
  labels?: string[];
  user?: string;
}

/** Applies labels by name, creating missing ones; returns the canonical names without duplicates. */
function applyLabels(ctx: StoreContext, repo: RepositoryRecord, names: string[]): string[] {
  const canonical = names.map((name) => ensureLabel(ctx, repo, name).name);
  return [...new Set(canonical)];
}

/** Creates an issue with the next number of its repository. */
export function createIssue(ctx: StoreContext, repo: RepositoryRecord, input: IssueInput & { title: string }, createdAt?: string): IssueRecord {
  const id = nextId(ctx.state, 'issue');
  const now = createdAt ?? ctx.now();
  const issue: IssueRecord = {
    id,
    node_id: nodeId('Issue', id),
    number: repo.issues.reduce((max, other) => Math.max(max, other.number), 0) + 1,
    title: input.title,
    body: input.body ?? null,
    user: input.user ?? BOT_LOGIN,
    state: 'open',
    state_reason: null,
    labels: applyLabels(ctx, repo, input.labels ?? []),
    created_at: now,
    updated_at: now,
    closed_at: null,
    comments: [],
  };
  repo.issues.push(issue);
  if (input.state === 'closed') updateIssue(ctx, repo, issue, { state: 'closed', state_reason: input.state_reason ?? null }, now);
  return issue;
}

/** The issue with this number, or 404. */
export function requireIssue(repo: RepositoryRecord, number: number): IssueRecord {
  const issue = repo.issues.find((candidate) => candidate.number === number);
  if (!issue) throw notFound();
  return issue;
}

/**
 * PATCH semantics: given fields replace (labels too). Closing sets closed_at and state_reason
 * `completed` unless one is given; reopening clears closed_at and sets `reopened`.
 */
export function updateIssue(ctx: StoreContext, repo: RepositoryRecord, issue: IssueRecord, input: IssueInput, at?: string): IssueRecord {
  const now = at ?? ctx.now();
  if (input.title !== undefined) issue.title = input.title;
  if (input.body !== undefined) issue.body = input.body;
  if (input.labels !== undefined) issue.labels = applyLabels(ctx, repo, input.labels);
  if (input.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closed_at = now;
    issue.state_reason = input.state_reason ?? 'completed';
  } else if (input.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closed_at = null;
    issue.state_reason = input.state_reason ?? 'reopened';
  } else if (input.state_reason !== undefined) {
    issue.state_reason = input.state_reason;
  }
  issue.updated_at = now;
  return issue;
}

/** Adds labels (POST /issues/{n}/labels), creating missing ones; returns the issue. */
export function addIssueLabels(ctx: StoreContext, repo: RepositoryRecord, issue: IssueRecord, names: string[]): IssueRecord {
  issue.labels = applyLabels(ctx, repo, [...issue.labels, ...names]);
  issue.updated_at = ctx.now();
  return issue;
}

/** Adds a comment; the issue's `comments` count and updated_at follow. */
export function createIssueComment(ctx: StoreContext, issue: IssueRecord, body: string, user = BOT_LOGIN, createdAt?: string): IssueCommentRecord {
  const id = nextId(ctx.state, 'issue_comment');
  const now = createdAt ?? ctx.now();
  const comment: IssueCommentRecord = { id, node_id: nodeId('IssueComment', id), body, user, created_at: now, updated_at: now };
  issue.comments.push(comment);
  issue.updated_at = now;
  return comment;
}

/** A comment anywhere in the repository with its issue, or 404. */
export function requireIssueComment(repo: RepositoryRecord, id: number): { issue: IssueRecord; comment: IssueCommentRecord } {
  for (const issue of repo.issues) {
    const comment = issue.comments.find((candidate) => candidate.id === id);
    if (comment) return { issue, comment };
  }
  throw notFound();
}
