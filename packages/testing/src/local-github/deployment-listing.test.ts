import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import { startLocalGitHub, type LocalGitHub } from './index';
import { closeAndReport, octokitFor, SHOP_SEED, shaOf, steppingClock } from './test-fixtures';

const repo = { owner: 'acme', repo: 'shop' };
const COUNT = 130;
let server: LocalGitHub;
let octokit: Octokit;

beforeAll(async () => {
  server = await startLocalGitHub({ seed: SHOP_SEED, now: steppingClock() });
  // 130 deployments: every third to staging, the rest to production, alternating c3/c5 and tasks.
  server.seed({
    repositories: [{
      owner: 'acme',
      name: 'shop',
      deployments: Array.from({ length: COUNT }, (_, i) => ({
        commit: i % 2 === 0 ? 'c5' : 'c3',
        ref: i % 2 === 0 ? 'main' : 'v1',
        environment: i % 3 === 0 ? 'staging' : 'production',
        task: i % 5 === 0 ? 'deploy:migrations' : 'deploy',
        description: `deployment ${i}`,
      })),
    }],
  });
  octokit = octokitFor(server);
});

afterAll(async () => {
  expect(await closeAndReport(server)).toEqual([]);
});

describe('GET /deployments pagination', () => {
  it('pages 30 by default and links next and last', async () => {
    const response = await octokit.rest.repos.listDeployments({ ...repo });
    expect(response.data).toHaveLength(30);
    expect(response.headers.link).toBe(
      `<${server.url}/repos/acme/shop/deployments?page=2>; rel="next", <${server.url}/repos/acme/shop/deployments?page=5>; rel="last"`,
    );
  });

  it('links prev, next, last and first in GitHub order, keeping other params', async () => {
    const response = await octokit.rest.repos.listDeployments({ ...repo, environment: 'production', per_page: 20, page: 2 });
    const base = `${server.url}/repos/acme/shop/deployments?environment=production&per_page=20`;
    // 130 deployments, 86 to production: 5 pages of 20.
    expect(response.headers.link).toBe(
      `<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=5>; rel="last", <${base}&page=1>; rel="first"`,
    );
  });

  it('caps per_page at 100 and omits Link when one page holds everything', async () => {
    const capped = await octokit.rest.repos.listDeployments({ ...repo, per_page: 500 });
    expect(capped.data).toHaveLength(100);
    const single = await octokit.rest.repos.listDeployments({ ...repo, task: 'deploy:migrations', per_page: 100 });
    expect(single.data).toHaveLength(26);
    expect(single.headers.link).toBeUndefined();
  });

  it('returns every deployment exactly once, newest first, across pages', async () => {
    const all = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, per_page: 100 });
    expect(all).toHaveLength(COUNT);
    expect(all.map((d) => d.description)).toEqual(Array.from({ length: COUNT }, (_, i) => `deployment ${COUNT - 1 - i}`));
    expect(new Set(all.map((d) => d.id)).size).toBe(COUNT);
  });

  it('orders by created_at before id', async () => {
    server.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', environment: 'backdated', created_at: '2020-01-01T00:00:00Z' }] }] });
    server.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', environment: 'backdated', created_at: '2019-01-01T00:00:00Z' }] }] });
    const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment: 'backdated' });
    expect(data.map((d) => d.created_at)).toEqual(['2020-01-01T00:00:00Z', '2019-01-01T00:00:00Z']);
  });
});

describe('GET /deployments filters', () => {
  it.each([
    [{ environment: 'staging' }, 44],
    [{ environment: 'production' }, 86],
    [{ task: 'deploy:migrations' }, 26],
    [{ ref: 'v1' }, 65],
    [{ sha: 'c5' }, 65],
    [{ environment: 'staging', ref: 'main' }, 22],
    [{ environment: 'nowhere' }, 0],
  ])('%o matches %i deployments', async (filter, expected) => {
    const query = 'sha' in filter ? { sha: shaOf(server, filter.sha) } : filter;
    const all = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, ...query, per_page: 100 });
    expect(all).toHaveLength(expected);
  });
});
