import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { assertNoOpenApiViolations, Scenario, TOKEN, type ShopIds } from './scenario';

// Each bad input: exit code 1, one clear `::error::` line naming the cause and the fix, and nothing written.
describe('rollback action: bad input and faults', () => {
  let scenario: Scenario;
  let ids: ShopIds;

  beforeAll(async () => {
    ({ scenario, ids } = await Scenario.startShop());
  });
  beforeEach(async () => {
    scenario.github.resetLog();
    scenario.github.clearFaults();
    await scenario.writePolicy('');
  });
  afterAll(async () => {
    try {
      assertNoOpenApiViolations(scenario.github);
    } finally {
      await scenario.close();
    }
  });

  const failsCleanly = async (inputs: Record<string, string>, message: RegExp) => {
    const run = await scenario.run(inputs);
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.message).toMatch(/Fix: |Re-running the job/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .*\(/);
    return run;
  };

  it.each([
    ['a missing token', { environment: 'production', token: '' }, /^Configuration error — input 'token': is required but empty\. Fix: Pass a token/],
    ['an unknown environment', { environment: 'prod' }, /input 'environment': the environment 'prod' has no deployments.*Fix: Use one of the environments that have deployments: 'production', 'staging'\./],
    ['an unknown explicit target', { environment: 'production', to: 'deadbee' }, /input 'to': 'deadbee' is neither a deployment id of 'production' nor a commit, tag or branch/],
    ['a command that does not exist', { environment: 'production', 'rollback-command': 'no-such-deploy-tool --now' }, /input 'rollback-command': the command 'no-such-deploy-tool' was not found/],
    ['an unknown deployment to roll back', { environment: 'production', from: '999' }, /input 'from': '999' is not a deployment of 'production'/],
    ['a bad boolean', { environment: 'production', 'dry-run': 'maybe' }, /input 'dry-run': expected true or false, got 'maybe'/],
    ['a bad URL', { environment: 'production', 'health-url': 'localhost:3000/health' }, /input 'health-url': expected an http\(s\) URL/],
    ['a rejected token', { environment: 'production', token: 'not-the-token' }, /input 'token': GitHub rejected the token \(401 Bad credentials\)/],
  ])('%s', async (_name, inputs, message) => {
    await failsCleanly(inputs, message);
    expect(scenario.writes()).toEqual([]);
  });

  it('a policy file error names file, line, column, path and fix', async () => {
    await scenario.writePolicy('rollback:\n  max-attempts: lots\n  verfy: {}\n');
    const run = await failsCleanly({ environment: 'production' }, /policy file deploy-policy\.yml: 2 problem\(s\)/);
    expect(run.annotations[0]?.message).toContain('deploy-policy.yml:2:17 rollback.max-attempts: expected number, received string. Set rollback.max-attempts to a number.');
    expect(run.annotations[0]?.message).toContain("deploy-policy.yml:3:3 rollback: unknown key 'verfy' in rollback. Did you mean 'verify'?");
    expect(scenario.github.requests()).toEqual([]);
  });

  it('no good deployment to return to', async () => {
    const lonely = await Scenario.start({
      repositories: [
        {
          owner: 'acme',
          name: 'shop',
          branches: [{ name: 'main', commits: [{ id: 'a', message: 'a' }, { id: 'b', message: 'b' }] }],
          deployments: [
            { commit: 'a', environment: 'production', statuses: [{ state: 'failure' }] },
            { commit: 'b', environment: 'production', statuses: [{ state: 'success' }] },
          ],
        },
      ],
    });
    try {
      const run = await lonely.run({ environment: 'production' });
      expect(run.exitCode).toBe(1);
      expect(run.annotations[0]?.message).toMatch(/environment 'production': no deployment before #\d+ \([0-9a-f]{7}\) succeeded without later being marked bad .*#\d+: never succeeded.*Fix: Name the version to return to with the 'to' input/);
      expect(lonely.writes()).toEqual([]);
      assertNoOpenApiViolations(lonely.github);
    } finally {
      await lonely.close();
    }
  });

  it('GitHub answering 502 (after retries) before anything is written: clear external error, nothing half-written', async () => {
    scenario.github.injectFault({ kind: 'status', status: 502, method: 'POST', path: '/deployments$', times: 4 });
    const run = await failsCleanly({ environment: 'production' }, /^GitHub: could not create a deploy:rollback deployment of [0-9a-f]{7} in 'production': HTTP 502 .*\(after retries\)\. Re-running the job is likely to help\./);
    expect(scenario.writes()).toEqual(Array(4).fill('POST /repos/acme/shop/deployments 502'));
    expect(scenario.repository().deployments.map((d) => d.id)).toEqual(Object.values(ids).sort());
    expect(run.outputs.result).toBeUndefined();
  });

  it('GitHub failing mid-way: the rollback deployment that was started is closed with error', async () => {
    scenario.github.injectFault({ kind: 'status', status: 500, method: 'POST', path: '/deployments/\\d+/statuses$', times: 4 });
    const started = ids.staging + 1;
    await failsCleanly({ environment: 'production' }, new RegExp(`^GitHub: could not set deployment #${started} to in_progress: HTTP 500`));
    expect(scenario.deployment(started).statuses.map((s) => [s.state, s.description])).toEqual([
      ['error', expect.stringMatching(new RegExp(`^Rollback aborted: GitHub: could not set deployment #${started} to in_progress`))],
    ]);
    expect(scenario.deployment(ids.bad).statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(scenario.repository().issues).toEqual([]);
  });

  it('a secondary rate limit is waited out and the rollback still completes', async () => {
    scenario.github.injectFault({ kind: 'secondary-rate-limit', retryAfter: 1, method: 'GET', path: '/deployments$', times: 1 });
    const run = await scenario.run({ environment: 'production', 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringMatching(/secondary rate limit/) }));
  });
});

describe('the OpenAPI check', () => {
  it('makes a test fail when a request violates GitHub\'s description', async () => {
    const { scenario, ids } = await Scenario.startShop();
    try {
      const octokit = new Octokit({ auth: TOKEN, baseUrl: scenario.github.url, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
      // `state: exploded` is not in the description's enum: the real API answers 422, and so does the local one.
      await expect(
        octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner: 'acme', repo: 'shop', deployment_id: ids.bad, state: 'exploded' as 'success' }),
      ).rejects.toMatchObject({ status: 422 });
      expect(() => assertNoOpenApiViolations(scenario.github)).toThrow(new RegExp(`OpenAPI violations:\\nrequest POST /repos/acme/shop/deployments/${ids.bad}/statuses → 422: .*state`));
    } finally {
      await scenario.close();
    }
  });
});
