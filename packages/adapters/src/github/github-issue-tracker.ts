import type { IssueRef, IssueTracker } from '@safe-deploy/core';
import type { GitHubClient } from './create-github-client';
import { callGitHub } from './github-error';
import type { RepoCoordinates } from '@safe-deploy/core';

/** Incident issues through GitHub's Issues API. */
export class GitHubIssueTracker implements IssueTracker {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: RepoCoordinates,
  ) {}

  async findOpenIssue(labels: string[], marker: string): Promise<IssueRef | undefined> {
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      state: 'open',
      labels: labels.join(','),
      per_page: 100,
    });
    return callGitHub('search open incident issues', async () => {
      for await (const page of iterator) {
        const found = page.data.find((issue) => !issue.pull_request && (issue.body ?? '').includes(marker));
        if (found) return { number: found.number, url: found.html_url };
      }
      return undefined;
    });
  }

  async createIssue(issue: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef> {
    const response = await callGitHub('open the incident issue', () =>
      this.octokit.rest.issues.create({ ...this.repo, title: issue.title, body: issue.body, labels: issue.labels, ...(issue.assignees.length ? { assignees: issue.assignees } : {}) }),
    );
    return { number: response.data.number, url: response.data.html_url };
  }

  async addComment(issueNumber: number, body: string): Promise<void> {
    await callGitHub(`comment on issue #${issueNumber}`, () => this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body }));
  }

  async addLabels(issueNumber: number, labels: string[]): Promise<void> {
    await callGitHub(`label issue #${issueNumber}`, () => this.octokit.rest.issues.addLabels({ ...this.repo, issue_number: issueNumber, labels }));
  }
}
