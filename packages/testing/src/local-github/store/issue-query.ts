import type { IssueRecord } from './records';

/** The query of GET /repos/{owner}/{repo}/issues that the store understands. */
export interface IssueQuery {
  state?: 'open' | 'closed' | 'all';
  labels?: string;
  creator?: string;
  assignee?: string;
  milestone?: string;
  since?: string;
  sort?: 'created' | 'updated' | 'comments';
  direction?: 'asc' | 'desc';
}

function sortKey(issue: IssueRecord, sort: NonNullable<IssueQuery['sort']>): string | number {
  if (sort === 'comments') return issue.comments.length;
  return sort === 'updated' ? issue.updated_at : issue.created_at;
}

/**
 * Filters and sorts issues as GitHub lists them. Decides by: state (default open); labels, a
 * comma-separated list that must ALL be on the issue (case-insensitive); creator login; since
 * (updated at or after); assignee and milestone (nobody is assigned and there are no milestones
 * here, so only `none` matches); then sort (default created) and direction (default desc),
 * ties broken by number in the same direction.
 */
export function filterIssues(issues: IssueRecord[], query: IssueQuery): IssueRecord[] {
  const state = query.state ?? 'open';
  const wanted = (query.labels ?? '').split(',').map((label) => label.trim().toLowerCase()).filter((label) => label !== '');
  const sort = query.sort ?? 'created';
  const sign = (query.direction ?? 'desc') === 'desc' ? -1 : 1;
  return issues
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => wanted.every((label) => issue.labels.some((name) => name.toLowerCase() === label)))
    .filter((issue) => query.creator === undefined || issue.user.toLowerCase() === query.creator.toLowerCase())
    .filter((issue) => query.since === undefined || Date.parse(issue.updated_at) >= Date.parse(query.since))
    .filter(() => query.assignee === undefined || query.assignee === 'none')
    .filter(() => query.milestone === undefined || query.milestone === 'none')
    .sort((a, b) => {
      const ka = sortKey(a, sort);
      const kb = sortKey(b, sort);
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
      return (a.number - b.number) * sign;
    });
}
