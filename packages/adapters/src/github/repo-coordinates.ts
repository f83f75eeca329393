import { ConfigurationError } from '@safe-deploy/core';

/** `owner/name` split for Octokit calls. */
export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** Parses GITHUB_REPOSITORY (`owner/name`). */
export function parseRepository(value: string | undefined): RepoCoordinates {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value ?? '');
  if (!match?.[1] || !match[2]) {
    throw new ConfigurationError('GITHUB_REPOSITORY', `expected owner/name, got '${value ?? ''}'.`, 'Run the action inside a GitHub Actions job (the runner sets GITHUB_REPOSITORY), or set it to owner/name.');
  }
  return { owner: match[1], repo: match[2] };
}
