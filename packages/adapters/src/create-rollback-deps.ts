import type { Log, RunContext } from '@safe-deploy/core';
import { ProcessCommandRunner } from './exec/process-command-runner';
import { createGitHubClient } from './github/create-github-client';
import { GitHubDeploymentStore } from './github/github-deployment-store';
import { GitHubIssueTracker } from './github/github-issue-tracker';
import { GitHubSourceRepository } from './github/github-source-repository';
import { parseRepository } from '@safe-deploy/core';
import { FetchHealthProbe } from './http/fetch-health-probe';
import { SystemClock } from './system-clock';

/**
 * The real implementations of everything a rollback touches — GitHub's deployments, commits and issues, commands,
 * health probes, the clock — for an action's main.ts. The token is the one secret command output is redacted of.
 */
export function createRollbackDeps(options: { token: string; apiUrl: string; userAgent: string; context: RunContext; log: Log; /** Called before every GitHub request, to report how many a run made. */ onRequest?: () => void }) {
  const repo = parseRepository(options.context.repository);
  const octokit = createGitHubClient({ token: options.token, baseUrl: options.apiUrl, userAgent: options.userAgent, log: options.log });
  const { onRequest } = options;
  if (onRequest) octokit.hook.before('request', () => onRequest());
  return {
    store: new GitHubDeploymentStore(octokit, repo),
    repository: new GitHubSourceRepository(octokit, repo),
    issues: new GitHubIssueTracker(octokit, repo),
    runner: new ProcessCommandRunner({ secrets: [options.token] }),
    probe: new FetchHealthProbe(),
    clock: new SystemClock(),
    log: options.log,
    context: options.context,
  };
}
