import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAction, type ActionRun } from '../../packages/testing/src/run-action';
import { pushEvent, workflowDispatchEvent } from '../../packages/testing/src/events';
import { assertNoOpenApiViolations, Scenario, shopRepository, TOKEN } from './scenario';

// The progressive-deploy bundle as the runner runs it, against the local GitHub, with the `command` router (a
// script that writes the weight to a file and reads it back) and a `command` metrics provider whose error rates
// per track the test sets. Stages hold 2 s with a check every second.
const POLICY = `
canary:
  stages:
    - { weight: 5, hold: 2s }
    - { weight: 25, hold: 2s }
    - { weight: 50, hold: 2s }
    - { weight: 100, hold: 2s }
  check-interval: 1s
  control-interval: 1s
  router:
    kind: command
    command: ./route.sh
    read-command: cat weight.txt
health:
  minimum-requests: 50
  providers:
    - kind: command
      name: app
      command: [node, metrics.mjs, "{{track}}"]
      metrics: [error-rate]
lock:
  observation-window: 0s
`;

const METRICS = `
import { readFileSync } from 'node:fs';
const track = process.argv[2];
const pct = JSON.parse(readFileSync('errors.json', 'utf8'))[track];
const requests = 400;
console.log(JSON.stringify([{ metric: 'error-rate', value: pct, unit: 'percent', counts: { requests, errors: Math.round(requests * pct / 100) } }]));
`;

describe('progressive-deploy bundle', () => {
  let scenario: Scenario;
  let v1: string;
  let v2: string;

  const file = (name: string) => path.join(scenario.workspace, name);
  const setErrors = (canary: number, stable = 0.5) => writeFile(file('errors.json'), JSON.stringify({ canary, stable }));
  const weight = async () => Number((await readFile(file('weight.txt'), 'utf8')).trim());
  const commandLog = async () => (await readFile(file('commands.log'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

  const deploy = (inputs: Record<string, string> = {}, options: { manual?: boolean; state?: Record<string, string>; cancelWhen?: RegExp } = {}): Promise<ActionRun> =>
    runAction('progressive-deploy', {
      inputs: {
        token: TOKEN,
        environment: 'production',
        'policy-file': 'deploy-policy.yml',
        'working-directory': '.',
        'deploy-command': './deploy.sh',
        'rollback-command': './stop.sh',
        operation: 'deploy',
        ...inputs,
      },
      eventName: options.manual ? 'workflow_dispatch' : 'push',
      event: options.manual ? workflowDispatchEvent({ environment: 'production', operation: inputs.operation ?? 'deploy' }) : pushEvent(v2),
      workspace: scenario.workspace,
      env: { GITHUB_API_URL: scenario.github.url, GITHUB_SHA: v2, ...Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v])) },
      ...(options.cancelWhen ? { cancelWhen: options.cancelWhen } : {}),
    });

  beforeEach(async () => {
    scenario = await Scenario.start(shopRepository());
    v1 = scenario.sha('c1');
    v2 = scenario.sha('c4');
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', ref: 'main', environment: 'production', created_at: '2026-11-01T09:00:00Z', statuses: [{ state: 'success', created_at: '2026-11-01T09:01:00Z' }] }] }] });
    await scenario.writePolicy(POLICY);
    await writeFile(file('no-metrics.yml'), POLICY.slice(0, POLICY.indexOf('health:')));
    await writeFile(file('metrics.mjs'), METRICS);
    await writeFile(file('weight.txt'), '0\n');
    const scripts = { 'route.sh': 'echo "$1" > weight.txt', 'deploy.sh': 'echo "deploy $TARGET_SHA" >> commands.log', 'stop.sh': 'echo "stop-canary" >> commands.log' };
    for (const [name, body] of Object.entries(scripts)) {
      await writeFile(file(name), `#!/bin/sh\n${body}\n`);
      await chmod(file(name), 0o755);
    }
    await setErrors(0.5);
  });

  afterEach(async () => {
    assertNoOpenApiViolations(scenario.github);
    await scenario.close();
  });

  it('promotes a healthy canary: every stage recorded, outputs set, the router at 100 %', async () => {
    const run = await deploy({ 'security-verdict': '{"verdict":"pass","reasons":[]}' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'promoted', stage: '4', verdict: 'healthy', 'incident-issue': '' });
    expect(await weight()).toBe(100);
    const deployment = scenario.deployment(Number(run.outputs['deployment-id']));
    expect(deployment.payload).toMatchObject({ kind: 'deploy', release: { sha: v2, ref: 'main' }, verdicts: { security: { verdict: 'pass' } }, rollout: { router: 'command', 'policy-digest': expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
    expect(deployment.statuses.map((s) => s.description)).toEqual([
      'stage 0/4 · 0 % · starting the canary',
      'stage 1/4 · 5 % · holding',
      'stage 2/4 · 25 % · holding; 5 % was healthy, success 99.5 %',
      'stage 3/4 · 50 % · holding; 25 % was healthy, success 99.5 %',
      'stage 4/4 · 100 % · holding; 50 % was healthy, success 99.5 %',
      'stage 4/4 · 100 % · promoted; 100 % was healthy, success 99.5 %',
    ]);
    expect(deployment.statuses.at(-1)?.state).toBe('success');
    expect(await commandLog()).toEqual([`deploy ${v2}`]);
    expect(run.summary).toContain('## Progressive deploy · `production`');
    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toMatch(/GitHub requests made by this run: \d+\./);
    expect(Number(/GitHub requests made by this run: (\d+)/.exec(run.summary)?.[1])).toBeLessThanOrEqual(25);
  });

  it('rolls back a canary that fails 40 % of its requests: weight 0, the canary stopped, a rollback record and an incident', async () => {
    await setErrors(40);
    const run = await deploy();
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', stage: '1', 'incident-issue': '1' });
    expect(await weight()).toBe(0);
    expect(await commandLog()).toEqual([`deploy ${v2}`, 'stop-canary']);
    const deployments = scenario.repository().deployments;
    expect(deployments.at(-1)).toMatchObject({ sha: v1, task: 'deploy:rollback' });
    expect(deployments.at(-2)?.statuses.at(-1)?.state).toBe('failure');
    const issue = scenario.repository().issues[0];
    expect(issue?.title).toContain('Incident: rollback of production');
    expect(issue?.body).toContain('under 80 %: rolling back (partial-failure protocol)');
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/^Rolled back: Rolled back at stage 1\/4 \(5 %\)/);
  });

  it('pauses at 90 % success; a workflow_dispatch abort then restores stable from the record', async () => {
    await setErrors(10);
    const paused = await deploy();
    expect(paused.exitCode).toBe(0);
    expect(paused.outputs).toMatchObject({ result: 'paused', stage: '1' });
    expect(await weight()).toBe(5);
    expect(scenario.repository().issues[0]?.labels).toEqual(expect.arrayContaining(['needs-decision']));

    const aborted = await deploy({ operation: 'abort', reason: 'errors on checkout' }, { manual: true });
    expect(aborted.outputs).toMatchObject({ result: 'rolled-back' });
    expect(await weight()).toBe(0);
    expect(scenario.repository().deployments.at(-1)).toMatchObject({ sha: v1, task: 'deploy:rollback' });
  });

  it('when cancelled mid-rollout, the post step puts traffic back on stable and marks the deployment error', async () => {
    const main = await deploy({}, { cancelWhen: /Stage 2\/4: 25 %/ });
    expect(main.exitCode).not.toBe(0);
    expect(main.state).toMatchObject({ isPost: 'true', 'deployment-id': expect.stringMatching(/^\d+$/) });
    expect(main.state.finished).toBeUndefined();
    expect(await weight()).toBe(25);

    const post = await deploy({}, { state: main.state });
    expect(post.exitCode).toBe(0);
    expect(await weight()).toBe(0);
    const deployment = scenario.deployment(Number(main.state['deployment-id']));
    expect(deployment.statuses.at(-1)).toMatchObject({ state: 'error', description: expect.stringContaining('interrupted (cancelled or crashed); traffic back on stable') });
    expect(await commandLog()).toEqual([`deploy ${v2}`, 'stop-canary']);
  });

  it.each([
    ['an unknown operation', { operation: 'rollout' }, "input 'operation': 'rollout' is not one of deploy, promote, abort."],
    ['a gate that blocked', { 'security-verdict': '{"verdict":"block","reasons":["hardcoded AWS key in src/config.ts"]}' }, "input 'security-verdict': the security gate says 'block' (hardcoded AWS key in src/config.ts), so this version must not ship."],
    ['a verdict that is neither a word nor JSON', { 'preflight-verdict': '{"verdict": 3}' }, "input 'preflight-verdict'"],
    ['no metrics to judge the canary with', { 'policy-file': 'no-metrics.yml' }, 'there is nothing to judge the canary with'],
    ['no traffic router (the policy file is missing)', { 'policy-file': 'none.yml' }, 'canary.router.command: is missing.'],
    ['a short sha', { sha: 'abc1234' }, "input 'sha': 'abc1234' is not a full 40-character commit sha."],
  ])('rejects %s with a clear error and writes nothing', async (_name, inputs, message) => {
    const run = await deploy(inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toContain(message);
    expect(scenario.writes()).toEqual([]);
    expect(await weight()).toBe(0);
  });

  it('rejects a bad policy before writing anything', async () => {
    await scenario.writePolicy(POLICY.replace('{ weight: 25, hold: 2s }', '{ weight: 2, hold: 2s }'));
    const run = await deploy();
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/canary\.stages\.1\.weight|canary.stages\[1\].weight/);
    expect(run.annotations[0]?.message).toContain('stage weights must increase');
    expect(scenario.writes()).toEqual([]);
  });
});
