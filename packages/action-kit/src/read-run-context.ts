import { readFileSync } from 'node:fs';
import { ConfigurationError, parseRepository, type RunContext } from '@safe-deploy/core';

/** The runner's view of a workflow run, read from its environment variables. */
export interface RunnerEnvironment {
  context: RunContext;
  apiUrl: string;
  workspace: string;
  /** The commit and ref that triggered the run (GITHUB_SHA, GITHUB_REF); empty outside a runner. */
  sha: string;
  ref: string;
  /** The parsed GITHUB_EVENT_PATH payload ({} when absent). */
  event: Record<string, unknown>;
}

/** Reads GITHUB_* variables as the runner sets them. */
export function readRunnerEnvironment(env: NodeJS.ProcessEnv): RunnerEnvironment {
  const { owner, repo } = parseRepository(env.GITHUB_REPOSITORY);
  const repository = `${owner}/${repo}`;
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env.GITHUB_RUN_ID ?? '0';
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigurationError('GITHUB_EVENT_PATH', `could not read the event payload at ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}.`, 'Point GITHUB_EVENT_PATH at the JSON event file (the runner does this).');
    }
  }
  return {
    context: {
      repository,
      serverUrl,
      runId,
      runUrl: `${serverUrl}/${repository}/actions/runs/${runId}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}`,
      event: env.GITHUB_EVENT_NAME ?? 'unknown',
      ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
      ...(env.GITHUB_WORKFLOW ? { workflow: env.GITHUB_WORKFLOW } : {}),
      ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
    },
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    event,
  };
}
