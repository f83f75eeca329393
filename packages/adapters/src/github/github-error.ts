import { ConfigurationError, ExternalError } from '@safe-deploy/core';

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { data?: { message?: string; errors?: unknown[] } };
}

/** Turns an Octokit failure into an error that tells the user what happened and what to do. */
export function toGitHubError(error: unknown, doing: string): Error {
  const { status, message, response } = (error ?? {}) as OctokitLikeError;
  const detail = oneLine(response?.data?.message ?? message ?? String(error));
  if (status === 401) {
    return new ConfigurationError(`input 'token'`, `GitHub rejected the token (401 ${detail}) while trying to ${doing}.`, 'Pass a valid token, usually `${{ github.token }}` (the default).');
  }
  if (status === 403 && !/rate limit/i.test(detail)) {
    return new ConfigurationError(
      `input 'token'`,
      `the token may not ${doing} (403 ${detail}).`,
      'Grant the job `permissions: { contents: read, deployments: write, issues: write }` (or a token with those scopes).',
    );
  }
  if (status === undefined) {
    return new ExternalError('GitHub', `could not ${doing}: ${detail} (no HTTP answer; is GITHUB_API_URL reachable?)`, { retryable: true, cause: error });
  }
  const retryable = status >= 500 || status === 429 || status === 403;
  return new ExternalError('GitHub', `could not ${doing}: HTTP ${status} ${detail}${retryable ? ' (after retries)' : ''}.`, { status, retryable, cause: error });
}

/** GitHub's 502/504 pages are HTML: keep error messages to one readable line. */
function oneLine(text: string): string {
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/** Runs a GitHub call, converting its failure with `toGitHubError`. */
export async function callGitHub<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubError(error, doing);
  }
}
