// Shared by the local GitHub's own tests: a stepping clock, an Octokit on the server, a seed.
import { Octokit } from '@octokit/rest';
import type { LocalGitHub, OpenApiViolation } from './types';
import type { LocalGitHubSeed } from './seed/seed-schema';

/** 2024-06-01T00:00:00Z, where test clocks start. */
export const BASE_TIME = Date.parse('2024-06-01T00:00:00Z');

/** A clock that moves `stepMs` forward on every reading, so every timestamp is distinct and ordered. */
export function steppingClock(start = BASE_TIME, stepMs = 1000): () => Date {
  let current = start;
  return () => {
    current += stepMs;
    return new Date(current);
  };
}

/** A real Octokit pointed at the local GitHub. */
export function octokitFor(server: LocalGitHub, token = 'test-token'): Octokit {
  return new Octokit({ auth: token, baseUrl: server.url, log: SILENT_LOG });
}

/** Closes the server first (so a failed suite never leaves it running) and returns its violations. */
export async function closeAndReport(server: LocalGitHub): Promise<OpenApiViolation[]> {
  const violations = server.violations();
  await server.close();
  return violations;
}

/** Octokit's logger, silenced: the tests provoke errors on purpose. */
export const SILENT_LOG = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The status of a failed Octokit call (undefined when it did not fail). */
export async function failureOf(call: Promise<unknown>): Promise<{ status: number; data: unknown; headers: Record<string, unknown> } | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    const failure = error as { status: number; response?: { data: unknown; headers: Record<string, unknown> } };
    return { status: failure.status, data: failure.response?.data, headers: failure.response?.headers ?? {} };
  }
}

/**
 * acme/shop: main = c1..c5 (c4 has a failing ci/test status, c5 a passing one); feature/behind
 * forks at c2 (behind main); feature/ahead forks at c5 with two commits; tags v1 (c2, lightweight)
 * and v2 (c5, annotated); label `bug`.
 */
export const SHOP_SEED: LocalGitHubSeed = {
  repositories: [{
    owner: 'acme',
    name: 'shop',
    branches: [
      { name: 'main', commits: ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ id, message: `commit ${id}` })) },
      { name: 'feature/behind', from: 'c2', commits: [{ id: 'b1', message: 'behind work' }] },
      { name: 'feature/ahead', from: 'c5', commits: [{ id: 'a1', message: 'ahead 1' }, { id: 'a2', message: 'ahead 2' }] },
    ],
    tags: [{ name: 'v1', commit: 'c2' }, { name: 'v2', commit: 'c5', message: 'Release v2' }],
    commit_statuses: [
      { commit: 'c4', context: 'ci/test', state: 'failure' },
      { commit: 'c5', context: 'ci/test', state: 'success' },
      { commit: 'c5', context: 'ci/lint', state: 'success' },
    ],
    labels: [{ name: 'bug', color: 'd73a4a' }],
  }],
};

/** The sha behind a seed alias of acme/shop, read from the server's state. */
export function shaOf(server: LocalGitHub, alias: string): string {
  const sha = server.state().repositories[0]?.commit_aliases[alias];
  if (!sha) throw new Error(`no commit alias ${alias} in the seed`);
  return sha;
}
