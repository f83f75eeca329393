import { ConfigurationError } from '../errors/configuration-error';

/** Where a run happens: the repository, the workflow run and who triggered it, for links and records. */
export interface RunContext {
  /** `owner/name`. */
  repository: string;
  /** `https://github.com` or an enterprise server. */
  serverUrl: string;
  runId: string;
  runAttempt?: string;
  runUrl: string;
  workflow?: string;
  actor?: string;
  event: string;
}

/** The repository's deployments page for an environment. */
export function environmentPageUrl(context: RunContext, environment: string): string {
  return `${context.serverUrl}/${context.repository}/deployments/${encodeURIComponent(environment)}`;
}

/** `owner/name` split for API calls. */
export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** Parses GITHUB_REPOSITORY (`owner/name`); the one check of that variable. */
export function parseRepository(value: string | undefined): RepoCoordinates {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) {
    throw new ConfigurationError('GITHUB_REPOSITORY', `expected owner/name, got '${value ?? ''}'.`, 'Run the action in a GitHub Actions job (the runner sets it) or set GITHUB_REPOSITORY=owner/name.');
  }
  return { owner: match[1], repo: match[2] };
}
