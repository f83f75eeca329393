import type { CommitSummary, SourceRepository } from '@safe-deploy/core';
import type { GitHubClient } from './create-github-client';
import { callGitHub, toGitHubError } from './github-error';
import type { RepoCoordinates } from '@safe-deploy/core';

/** Commits through GitHub's commits and compare APIs. */
export class GitHubSourceRepository implements SourceRepository {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: RepoCoordinates,
  ) {}

  async resolveCommit(ref: string): Promise<string | undefined> {
    try {
      const response = await this.octokit.rest.repos.getCommit({ ...this.repo, ref, per_page: 1 });
      return response.data.sha;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 422) return undefined;
      throw toGitHubError(error, `resolve '${ref}' to a commit`);
    }
  }

  async commitsBetween(base: string, head: string): Promise<{ commits: CommitSummary[]; total: number }> {
    const response = await callGitHub(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`, () =>
      this.octokit.rest.repos.compareCommitsWithBasehead({ ...this.repo, basehead: `${base}...${head}`, per_page: 100 }),
    );
    const commits = response.data.commits.map((commit) => ({
      sha: commit.sha,
      title: (commit.commit.message.split('\n')[0] ?? '').trim(),
      ...(commit.commit.author?.name ? { author: commit.commit.author.name } : {}),
      url: commit.html_url,
    }));
    return { commits, total: response.data.ahead_by };
  }
}
