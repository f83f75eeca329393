import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGitHubClient, GitHubDeploymentStore } from '@safe-deploy/adapters';
import type { DeploymentPayload } from '@safe-deploy/core';
import { FakeClock, sha } from '@safe-deploy/testing/builders';
import { startLocalGitHub, type LocalGitHub } from '../../../testing/src/local-github';
import { DeploymentHistory } from '../rollback/read-history';
import { readEnvironmentState } from './read-environment-state';

// The GitHub adapter and the history reader together, against the local GitHub (real HTTP, real pagination).
const quiet = { info: () => {}, warning: () => {} };
const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

describe('deployment records in GitHub', () => {
  let github: LocalGitHub;
  let store: GitHubDeploymentStore;

  beforeAll(async () => {
    // 75 production deployments: #1 good, then 74 that never succeeded; and a staging one still running.
    github = await startLocalGitHub({
      tokens: ['t'],
      seed: {
        repositories: [
          {
            owner: 'acme',
            name: 'shop',
            branches: [{ name: 'main', commits: Array.from({ length: 76 }, (_, i) => ({ id: `c${i}`, sha: sha(`c${i}`), message: `commit ${i}` })) }],
            deployments: [
              ...Array.from({ length: 75 }, (_, i) => ({
                commit: `c${i}`,
                environment: 'production',
                created_at: minute(i),
                statuses: i === 0 ? [{ state: 'success' as const, created_at: minute(i) }] : [{ state: 'failure' as const, created_at: minute(i) }],
              })),
              { commit: 'c75', environment: 'staging', created_at: minute(100), statuses: [{ state: 'in_progress' as const, created_at: minute(100) }] },
            ],
          },
        ],
      },
    });
    store = new GitHubDeploymentStore(createGitHubClient({ token: 't', baseUrl: github.url, userAgent: 'test', log: quiet }), { owner: 'acme', repo: 'shop' });
  });

  afterAll(async () => {
    expect(github.violations()).toEqual([]);
    await github.close();
  });

  it('finds a last known good deployment three pages deep, reading statuses only as deep as needed', async () => {
    github.resetLog();
    const history = new DeploymentHistory(store, 'production', 100);
    await history.readFirstPage();
    const answer = await history.lastKnownGood(history.deployments[0]);
    expect(answer.kind === 'found' && answer.deployment.sha).toBe(sha('c0'));
    expect(answer.skipped).toHaveLength(73);
    const requests = github.requests().map((r) => r.path.split('?')[0] ?? '');
    expect(requests.filter((p) => p.endsWith('/deployments'))).toHaveLength(3);
    expect(requests.filter((p) => p.endsWith('/statuses'))).toHaveLength(75);
  });

  it('stops at the history limit and says there is none', async () => {
    const history = new DeploymentHistory(store, 'production', 40);
    await history.readFirstPage();
    const answer = await history.lastKnownGood(history.deployments[0]);
    expect(answer.kind).toBe('none');
    expect(history.deployments).toHaveLength(40);
  });

  it('reads the first page only when the answer is near the top', async () => {
    github.resetLog();
    const history = new DeploymentHistory(store, 'production', 100);
    await history.readFirstPage();
    expect(github.requests()).toHaveLength(1 + 4);
  });

  it('writes a deployment with a schema-checked payload and reads it back parsed', async () => {
    const payload: DeploymentPayload = { schema: 'safe-deploy/deployment', version: 1, kind: 'deploy', release: { sha: sha('c75'), ref: 'main', version: '7.5.0' } };
    const created = await store.createDeployment({ sha: sha('c75'), environment: 'qa', task: 'deploy', productionEnvironment: false, description: 'd'.repeat(300), payload });
    await store.createStatus(created.id, { state: 'in_progress', description: 'x'.repeat(200), logUrl: 'https://github.com/acme/shop/actions/runs/1' });
    const read = await store.getDeployment(created.id);
    expect(read).toMatchObject({ sha: sha('c75'), ref: sha('c75'), environment: 'qa', productionEnvironment: false, payload: { release: { version: '7.5.0' } } });
    expect(read?.description.length).toBeLessThanOrEqual(140);
    expect(read?.statuses).toEqual([expect.objectContaining({ state: 'in_progress', logUrl: 'https://github.com/acme/shop/actions/runs/1' })]);
    expect(read?.statuses[0]?.description).toHaveLength(140);
    expect(await store.getDeployment(999_999_999)).toBeUndefined();
  });

  it('reports the current deployment and a lock until it goes stale', async () => {
    const fresh = await readEnvironmentState(store, 'staging', { clock: new FakeClock(new Date(Date.parse(minute(110)))), staleAfterSeconds: 3600 });
    expect(fresh.current?.sha).toBe(sha('c75'));
    expect(fresh.lock).toMatchObject({ locked: true, ageSeconds: 600 });
    const stale = await readEnvironmentState(store, 'staging', { clock: new FakeClock(new Date(Date.parse(minute(300)))), staleAfterSeconds: 3600 });
    expect(stale.lock).toMatchObject({ locked: false, stale: { ageSeconds: 12000 } });
    expect((await readEnvironmentState(store, 'production', { clock: new FakeClock(), staleAfterSeconds: 3600 })).lock).toEqual({ locked: false });
  });
});
