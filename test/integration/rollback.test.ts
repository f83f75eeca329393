import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha } from '../../packages/testing/src/builders';
import { assertNoOpenApiViolations, repoRoot, Scenario, startHealthServer, type HealthServer, type ShopIds } from './scenario';

const recordEnv = (file: string, code = 0) => `node ${path.join(repoRoot, 'test/fixtures/record-env.mjs')} ${file} ${code}`;
const chronologicalStates = (scenario: Scenario, id: number) => scenario.deployment(id).statuses.map((s) => s.state);

describe('rollback action (bundle) against the local GitHub', () => {
  let scenario: Scenario;
  let ids: ShopIds;
  let health: HealthServer;
  /** The id the next deployment gets: one past the newest seeded one. */
  const next = (n = 1) => String(ids.staging + n);

  beforeEach(async () => {
    ({ scenario, ids } = await Scenario.startShop());
    health = await startHealthServer(200);
  });

  afterEach(async () => {
    try {
      assertNoOpenApiViolations(scenario.github);
    } finally {
      await health.close();
      await scenario.close();
    }
  });

  it('resolves the last known good deployment across auto-inactivated, failed and rolled-back ones, and a dry run writes nothing', async () => {
    const before = JSON.stringify(scenario.github.state());
    const run = await scenario.run({ environment: 'production', reason: 'checkout broken', 'rollback-command': recordEnv('calls.jsonl') }, { trigger: 'manual' });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', 'target-sha': sha('c1'), 'bad-sha': sha('c4'), 'deployment-id': '', 'incident-issue': '' });
    expect(JSON.stringify(scenario.github.state())).toBe(before);
    expect(scenario.writes()).toEqual([]);
    // The summary explains the choice: which deployments were passed over and why.
    expect(run.summary).toContain('dry run — nothing was changed');
    expect(run.summary).toContain(`#${ids.good} is the newest deployment before #${ids.bad} that succeeded and was never marked bad`);
    expect(run.summary).toContain(`Passed over: #${ids.markedBad} (marked failure after succeeding: error rate 7% after release), #${ids.failedRollback} (never succeeded (last state failure)), #${ids.rolledBackFrom} (rolled back by deployment #${ids.failedRollback}).`);
    expect(run.summary).toMatch(/Commits undone \(3\)[\s\S]*feat: checkout[\s\S]*fix: rounding[\s\S]*feat: new payment provider/);
    expect(run.summary).toMatch(/\| rollback-command \| `node .*record-env\.mjs calls\.jsonl 0` \| 0 \| would run \|/);
    // The good one is inactive now (auto_inactive), yet it is the target.
    expect(chronologicalStates(scenario, ids.good)).toEqual(['in_progress', 'success', 'inactive']);
  });

  it('applies: statuses in the right order, the command gets the rollback variables, health is verified, an incident is opened', async () => {
    scenario.github.resetLog();
    const run = await scenario.run({ environment: 'production', reason: 'error rate 9% after c4', 'rollback-command': recordEnv('calls.jsonl'), 'health-url': health.url, 'environment-url': 'https://shop.example.com' });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'target-sha': sha('c1'), 'bad-sha': sha('c4'), 'deployment-id': next(), 'incident-issue': '1' });
    expect(run.masked).toContain('local-test-token');

    // Writes, in order: the rollback deployment, in_progress, the bad one marked, success, the incident.
    expect(scenario.writes()).toEqual([
      'POST /repos/acme/shop/deployments 201',
      `POST /repos/acme/shop/deployments/${next()}/statuses 201`,
      `POST /repos/acme/shop/deployments/${ids.bad}/statuses 201`,
      `POST /repos/acme/shop/deployments/${next()}/statuses 201`,
      'POST /repos/acme/shop/issues 201',
    ]);
    const rollback = scenario.deployment(Number(next()));
    expect(rollback).toMatchObject({ sha: sha('c1'), ref: sha('c1'), task: 'deploy:rollback', environment: 'production', production_environment: true, transient_environment: false });
    expect(rollback.payload).toMatchObject({ schema: 'safe-deploy/deployment', version: 1, kind: 'rollback', release: { sha: sha('c1') }, rollback: { 'from-deployment': ids.bad, 'from-sha': sha('c4'), 'target-deployment': ids.good, trigger: 'automatic', reason: 'error rate 9% after c4' }, run: { id: '4242' } });
    expect(rollback.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(rollback.statuses[1]).toMatchObject({ environment_url: 'https://shop.example.com', log_url: 'https://github.com/acme/shop/actions/runs/4242/attempts/1' });
    expect(rollback.statuses.every((s) => s.description.length <= 140)).toBe(true);
    const bad = scenario.deployment(ids.bad).statuses;
    expect(bad.map((s) => s.state)).toEqual(['in_progress', 'success', 'failure']);
    expect(bad[2]?.description).toBe(`Rolled back to ${sha('c1').slice(0, 7)} by deployment #${next()}: error rate 9% after c4`);

    const calls = (await readFile(path.join(scenario.workspace, 'calls.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(calls).toEqual([{ TARGET_SHA: sha('c1'), TARGET_REF: 'main', ENVIRONMENT: 'production', REASON: 'error rate 9% after c4', BAD_SHA: sha('c4') }]);
    expect(health.hits).toBe(1);

    const [issue] = scenario.repository().issues;
    expect(issue?.title).toBe(`Incident: rollback of production from ${sha('c4').slice(0, 7)}`);
    expect(issue?.labels.sort()).toEqual(['incident', 'rollback', 'severity:S2']);
    const body = issue?.body ?? '';
    expect(body).toContain(`<!-- safe-deploy:incident environment="production" bad-sha=${sha('c4')} -->`);
    expect(body).toContain('**Reason:** error rate 9% after c4');
    expect(body).toContain(`| Bad | #${ids.bad} | \`${sha('c4').slice(0, 7)}\` | main |`);
    expect(body).toContain(`| Restored to | #${ids.good} (last-known-good) | \`${sha('c1').slice(0, 7)}\` | main |`);
    expect(body).toMatch(/Commits being undone \(3\)/);
    expect(body).toMatch(new RegExp(`### Timeline \\(UTC\\)[\\s\\S]*Created rollback deployment #${next()}`));
    expect(body).toContain('https://github.com/acme/shop/actions/runs/4242/attempts/1');
    expect(body).toContain('- [ ] Find the root cause of the bad deployment');
    expect(run.summary).toContain('✅ rolled back');

    // A second run finds the target already running and healthy: noop, nothing written.
    scenario.github.resetLog();
    const again = await scenario.run({ environment: 'production', 'rollback-command': recordEnv('calls.jsonl'), 'health-url': health.url });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ result: 'noop', 'target-sha': sha('c1'), 'bad-sha': sha('c4'), 'deployment-id': '' });
    expect(scenario.writes()).toEqual([]);
    expect((await readFile(path.join(scenario.workspace, 'calls.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);

    // The target runs but stops answering health checks (seed 002: "noop but health failed"): the restore runs again.
    health.failNext(1);
    const rerun = await scenario.run({ environment: 'production', 'rollback-command': recordEnv('calls.jsonl'), 'health-url': health.url });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs).toMatchObject({ result: 'rolled-back', 'bad-sha': sha('c4'), 'target-sha': sha('c1'), 'deployment-id': next(2), 'incident-issue': '1' });
    expect(rerun.summary).toContain('but is unhealthy');
    expect((await readFile(path.join(scenario.workspace, 'calls.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(scenario.repository().issues[0]?.comments).toHaveLength(1);
  });

  it('escalates when the restored version is unhealthy too, and a second run comments on the same incident', async () => {
    health.status = 503;
    await scenario.writePolicy('rollback:\n  max-attempts: 1\n  verify:\n    interval: 100ms\n');
    const run = await scenario.run({ environment: 'production', reason: 'c4 broke checkout', 'rollback-command': recordEnv('calls.jsonl'), 'health-url': health.url, 'health-timeout-seconds': '1', 'health-retries': '2' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', 'deployment-id': next(), 'incident-issue': '1' });
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Rollback failed \(verification-failed\): Restored [0-9a-f]{7} but it is unhealthy too: 3 probes failed \(last: HTTP 503/) }));
    expect(chronologicalStates(scenario, Number(next()))).toEqual(['in_progress', 'failure']);
    expect(scenario.deployment(Number(next())).statuses[1]?.description).toMatch(/^Rollback failed: Restored [0-9a-f]{7} but it is unhealthy too/);
    expect(chronologicalStates(scenario, ids.bad)).toEqual(['in_progress', 'success', 'failure']);
    const [issue] = scenario.repository().issues;
    expect(issue?.labels.sort()).toEqual(['critical', 'incident', 'rollback', 'severity:S1']);
    expect(issue?.title).toMatch(/FAILED, restored version unhealthy/);
    expect(issue?.body).toContain('is **unhealthy too**');
    expect(issue?.body).toContain('systemic problem');
    expect(issue?.body).toContain('- [ ] Restore service by hand');

    // The service recovers; a second rollback run for the same bad commit comments instead of opening another issue.
    health.status = 200;
    const second = await scenario.run({ environment: 'production', reason: 'retry after the database came back', 'rollback-command': recordEnv('calls.jsonl'), 'health-url': health.url });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ result: 'rolled-back', 'bad-sha': sha('c4'), 'target-sha': sha('c1'), 'deployment-id': next(2), 'incident-issue': '1' });
    const issues = scenario.repository().issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.comments).toHaveLength(1);
    expect(issues[0]?.comments[0]?.body).toMatch(/^### Another rollback run: `rolled-back`/);
    expect(issues[0]?.comments[0]?.body).toContain('retry after the database came back');
    expect(chronologicalStates(scenario, Number(next(2)))).toEqual(['in_progress', 'success']);
  });

  it('retries the restore command up to max-attempts and fails with the command named', async () => {
    await scenario.writePolicy('rollback:\n  max-attempts: 2\n  retry-delay: 0s\n');
    const run = await scenario.run({ environment: 'production', 'rollback-command': recordEnv('calls.jsonl', 3) });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed' });
    expect(run.annotations[0]?.message).toMatch(/command-failed.*rollback-command exited with code 3 on all 2 attempt\(s\)/);
    expect((await readFile(path.join(scenario.workspace, 'calls.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(chronologicalStates(scenario, Number(next()))).toEqual(['in_progress', 'failure']);
    expect(run.summary).toContain('Output of the last failed command');
    expect(scenario.repository().issues[0]?.labels).toContain('critical');
  });

  it('keeps the token out of commands, logs, outputs and the summary', async () => {
    await scenario.writePolicy('rollback:\n  max-attempts: 1\n');
    // A workflow that hands the token to its deploy script on purpose (env: GH_TOKEN: ${{ github.token }}), whose script prints it.
    const run = await scenario.run({ environment: 'production', 'rollback-command': `node ${path.join(repoRoot, 'test/fixtures/print-env.mjs')} GH_TOKEN 4` }, { env: { GH_TOKEN: 'local-test-token' } });
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('GH_TOKEN=***');
    expect(run.summary).toContain('INPUT_TOKEN present: false');
    const visible = [run.summary, JSON.stringify(run.outputs), ...scenario.repository().issues.map((i) => `${i.title}${i.body}`), ...scenario.repository().deployments.flatMap((d) => d.statuses.map((s) => s.description))];
    expect(visible.join('\n')).not.toContain('local-test-token');
    expect(run.stdout).not.toContain('GH_TOKEN=local-test-token');
  });

  it('runs a manual apply from workflow_dispatch with an explicit tag as the target', async () => {
    const run = await scenario.run({ environment: 'production', reason: 'go back to the release tag', to: 'v1.0.0', 'dry-run': 'false' }, { trigger: 'manual' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'rolled-back', 'target-sha': sha('c1'), 'deployment-id': next() });
    expect(scenario.deployment(Number(next())).payload).toMatchObject({ release: { ref: 'v1.0.0' }, rollback: { trigger: 'manual' } });
    expect(run.summary).toContain('Target named explicitly');
    expect(scenario.repository().issues[0]?.body).toContain('**Trigger:** manual (by @octocat');
  });

  it('takes a deployment id as the explicit target, however many digits it has', async () => {
    // GitHub's deployment ids run to ten digits; they must not be mistaken for short shas.
    const run = await scenario.run({ environment: 'production', to: String(ids.good), 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', 'target-sha': sha('c1') });
    expect(run.summary).toContain(`| Target (explicit) | #${ids.good} |`);
  });

  it('honours the kill switch: with rollback.auto false an automatic rollback only plans', async () => {
    await scenario.writePolicy('rollback:\n  auto: false\n');
    const run = await scenario.run({ environment: 'production', 'rollback-command': recordEnv('calls.jsonl') });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expect(run.summary).toContain('auto-rollback-disabled');
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringMatching(/switched off by rollback.auto: false/) }));
    expect(scenario.writes()).toEqual([]);
  });
});
