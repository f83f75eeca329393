/** An issue the suite opened or found. */
export interface IssueRef {
  number: number;
  url: string;
}

/** Incident issues. */
export interface IssueTracker {
  /** The open issue carrying all `labels` whose body contains `marker`, if any. */
  findOpenIssue(labels: string[], marker: string): Promise<IssueRef | undefined>;
  createIssue(issue: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef>;
  addComment(issueNumber: number, body: string): Promise<void>;
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
}
