import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import { startLocalGitHub, type LocalGitHub } from './index';
import { closeAndReport, failureOf, octokitFor, SHOP_SEED, shaOf, steppingClock } from './test-fixtures';

const repo = { owner: 'acme', repo: 'shop' };
let server: LocalGitHub;
let octokit: Octokit;

beforeAll(async () => {
  server = await startLocalGitHub({ seed: SHOP_SEED, now: steppingClock() });
  octokit = octokitFor(server);
});

afterAll(async () => {
  expect(await closeAndReport(server)).toEqual([]);
});

/** Creates a deployment of c5 (or `ref`) and returns its id. */
async function deploy(environment: string, extra: Record<string, unknown> = {}): Promise<number> {
  const { status, data } = await octokit.rest.repos.createDeployment({ ...repo, ref: shaOf(server, 'c5'), environment, required_contexts: [], ...extra });
  expect(status).toBe(201);
  return (data as { id: number }).id;
}

async function latestState(id: number): Promise<string | undefined> {
  const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id });
  return data[0]?.state;
}

describe('POST /deployments', () => {
  it('creates a deployment with GitHub defaults', async () => {
    const { status, data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', payload: { version: '1.2.3' } });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      ref: 'main', sha: shaOf(server, 'c5'), task: 'deploy', environment: 'production', original_environment: 'production',
      production_environment: true, transient_environment: false, payload: { version: '1.2.3' },
      creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    });
    expect((data as { statuses_url: string }).statuses_url).toBe(`${server.url}/repos/acme/shop/deployments/${(data as { id: number }).id}/statuses`);
  });

  it.each([
    ['staging', undefined, false],
    ['production', undefined, true],
    ['qa', true, true],
  ])('environment %s with production_environment=%s reports %s', async (environment, production, expected) => {
    const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', environment, production_environment: production, required_contexts: [] });
    expect((data as { production_environment: boolean }).production_environment).toBe(expected);
  });

  it('keeps a string payload a string', async () => {
    const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', payload: '{"a":1}', environment: 'strings' });
    expect((data as { payload: unknown }).payload).toBe('{"a":1}');
  });

  it('answers 422 "No ref found for" an unknown ref', async () => {
    const failure = await failureOf(octokit.rest.repos.createDeployment({ ...repo, ref: 'nope' }));
    expect(failure?.status).toBe(422);
    expect(failure?.data).toMatchObject({ message: 'No ref found for: nope', status: '422' });
  });

  it('answers 409 when a commit status context is not success, and [] skips the check', async () => {
    const failure = await failureOf(octokit.rest.repos.createDeployment({ ...repo, ref: shaOf(server, 'c4'), environment: 'checks' }));
    expect(failure?.status).toBe(409);
    expect(failure?.data).toMatchObject({
      message: `Conflict: Commit status checks failed for ${shaOf(server, 'c4')}.`,
      errors: [{ contexts: [{ context: 'ci/test', state: 'failure' }], resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
    });
    const missing = await failureOf(octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: ['ci/e2e'], environment: 'checks' }));
    expect(missing?.status).toBe(409);
    const skipped = await octokit.rest.repos.createDeployment({ ...repo, ref: shaOf(server, 'c4'), required_contexts: [], environment: 'checks' });
    expect(skipped.status).toBe(201);
  });

  it('auto-merges the default branch into a branch that is behind and answers 202', async () => {
    const before = shaOf(server, 'b1');
    const merged = await octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/behind', environment: 'review', required_contexts: [] });
    expect(merged.status).toBe(202);
    expect(merged.data).toEqual({ message: 'Auto-merged main into feature/behind on deployment.' });
    const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/feature/behind' });
    expect(ref.object.sha).not.toBe(before);
    const again = await octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/behind', environment: 'review', required_contexts: [] });
    expect(again.status).toBe(201);
    expect((again.data as { sha: string }).sha).toBe(ref.object.sha);
  });

  it('does not auto-merge when auto_merge is false', async () => {
    const { status } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'feature/behind', auto_merge: false, environment: 'review2', required_contexts: [] });
    expect(status).toBe(201);
  });
});

describe('deployment statuses', () => {
  it('applies auto_inactive to older successful deployments of the same environment only', async () => {
    const oldSuccess = await deploy('auto-env');
    const oldFailure = await deploy('auto-env');
    const transient = await deploy('auto-env', { transient_environment: true });
    const otherEnv = await deploy('auto-other');
    for (const id of [oldSuccess, transient, otherEnv]) await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'success' });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: oldFailure, state: 'failure' });
    const current = await deploy('auto-env');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: current, state: 'success', log_url: 'https://ci.example/1' });

    expect(await latestState(oldSuccess)).toBe('inactive');
    expect(await latestState(oldFailure)).toBe('failure');
    expect(await latestState(transient)).toBe('success');
    expect(await latestState(otherEnv)).toBe('success');
    expect(await latestState(current)).toBe('success');
  });

  it('leaves older deployments alone when auto_inactive is false', async () => {
    const older = await deploy('manual-env');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: older, state: 'success' });
    const newer = await deploy('manual-env');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: newer, state: 'success', auto_inactive: false });
    expect(await latestState(older)).toBe('success');
  });

  it('sets target_url from log_url, lists newest first and gets one status', async () => {
    const id = await deploy('urls');
    const first = await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'in_progress' });
    const second = await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'success', log_url: 'https://ci.example/run', environment_url: 'https://app.example' });
    expect(second.data).toMatchObject({ target_url: 'https://ci.example/run', log_url: 'https://ci.example/run', environment_url: 'https://app.example' });
    const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id });
    expect(data.map((s) => s.id)).toEqual([second.data.id, first.data.id]);
    const one = await octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id: id, status_id: first.data.id });
    expect(one.data.state).toBe('in_progress');
  });

  it('moves the deployment when a status names another environment', async () => {
    const id = await deploy('before-move');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'success', environment: 'after-move' });
    const { data } = await octokit.rest.repos.getDeployment({ ...repo, deployment_id: id });
    expect(data).toMatchObject({ environment: 'after-move', original_environment: 'before-move' });
  });

  it.each([
    [140, 201],
    [141, 422],
  ])('a description of %i characters answers %i', async (length, expected) => {
    const id = await deploy('descriptions');
    const call = octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'success', description: 'x'.repeat(length) });
    const failure = await failureOf(call);
    expect(failure?.status ?? 201).toBe(expected);
    if (expected === 422) {
      expect(failure?.data).toMatchObject({
        message: 'Validation Failed',
        errors: [{ resource: 'DeploymentStatus', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }],
      });
    }
  });

  it('answers 404 for an unknown deployment or status', async () => {
    expect((await failureOf(octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: 1, state: 'success' })))?.status).toBe(404);
    const id = await deploy('missing-status');
    expect((await failureOf(octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id: id, status_id: 1 })))?.status).toBe(404);
  });
});

describe('DELETE /deployments/{id}', () => {
  it('deletes the only deployment of an environment', async () => {
    const id = await deploy('lonely');
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: id })).status).toBe(204);
    expect((await failureOf(octokit.rest.repos.getDeployment({ ...repo, deployment_id: id })))?.status).toBe(404);
  });

  it('refuses an active deployment that is not alone, and deletes it once inactive', async () => {
    const first = await deploy('crowded');
    await deploy('crowded');
    const refused = await failureOf(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first }));
    expect(refused?.status).toBe(422);
    expect(refused?.data).toMatchObject({ message: 'We cannot delete an active deployment unless it is the only deployment in a given environment.' });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: first, state: 'inactive' });
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first })).status).toBe(204);
  });

  it('answers 404 for an unknown deployment', async () => {
    expect((await failureOf(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: 99 })))?.status).toBe(404);
  });
});
