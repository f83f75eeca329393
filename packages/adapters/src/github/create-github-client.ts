import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Log } from '@safe-deploy/core';

const ClientWithPlugins = Octokit.plugin(retry, throttling);
/** Octokit with retries (5xx, 3 times with backoff) and GitHub's pacing and rate-limit handling. */
export type GitHubClient = InstanceType<typeof ClientWithPlugins>;

/**
 * A client for `baseUrl` (GITHUB_API_URL: github.com, an enterprise server, or the local GitHub in tests).
 * Secondary rate limits are waited out twice (GITHUB_TOKEN: 1,000 requests/hour per repository); the primary
 * limit only when it resets within a minute, since a job should not sleep for an hour.
 */
export function createGitHubClient(options: { token: string; baseUrl: string; userAgent: string; log: Log; /** Tests of code above the client turn GitHub's write pacing (1 s between writes) off. */ pacing?: boolean }): GitHubClient {
  const { log } = options;
  return new ClientWithPlugins({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => log.warning(message), error: (message: string) => log.warning(message) },
    throttle: {
      enabled: options.pacing ?? true,
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log.warning(`GitHub rate limit reached for ${request.method} ${request.url}; resets in ${retryAfter} s.`);
        return retryCount < 1 && retryAfter <= 60;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log.warning(`GitHub secondary rate limit for ${request.method} ${request.url}; retrying in ${retryAfter} s.`);
        return retryCount < 2;
      },
    },
  });
}
