import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient, GitHubDeploymentStore, GitHubIssueTracker, GitHubSourceRepository } from '@safe-deploy/adapters';
import { ConfigurationError, defaultPolicy, parseCommandLine, type CommandRunner, type Measurement, type MetricsQuery, type Policy } from '@safe-deploy/core';
import { FakeClock, sha } from '@safe-deploy/testing/builders';
import { FakeMetricsProvider, FakeTrafficRouter } from '@safe-deploy/testing/fakes';
import { startLocalGitHub, type LocalGitHub } from '../../../testing/src/local-github';
import { progressiveDeploy, type ProgressiveDeployDeps, type ProgressiveDeployRequest } from './progressive-deploy';

// The rollout against the local GitHub (real records, real HTTP, OpenAPI-checked), with a scripted canary, a
// router in memory and a clock that only moves when slept on.
const quiet = { info: () => {}, warning: () => {} };
const T0 = '2026-03-01T12:00:00Z';
const hoursBefore = (h: number) => new Date(Date.parse(T0) - h * 3600_000).toISOString();
const V1 = sha('v1');
const V2 = sha('v2');

/** Traffic per check: `requests` to the canary and to stable, with the given error percentages (a function of the check). */
function traffic(canaryErrorPct: (check: number) => number | 'none', stableErrorPct = 0.5, requests = 400): FakeMetricsProvider {
  const reading = (query: MetricsQuery, call: number): Measurement[] => {
    const at = new Date().toISOString();
    const pct = query.track === 'canary' ? canaryErrorPct(call) : stableErrorPct;
    const base = { provider: 'traffic', metric: 'error-rate' as const, track: query.track, at, source: 'script' };
    if (pct === 'none') return [{ ...base, kind: 'no-data', reason: 'no requests in the window' }];
    return [{ ...base, kind: 'value', value: pct, unit: 'percent', windowSeconds: query.windowSeconds, counts: { requests, errors: Math.round((requests * pct) / 100) } }];
  };
  return new FakeMetricsProvider({ name: 'traffic', calls: [reading] });
}

function policyWith(changes: (policy: Policy) => void = () => {}): Policy {
  const policy = defaultPolicy();
  policy.canary.stages = [
    { weight: 5, hold: 60 },
    { weight: 25, hold: 60 },
    { weight: 50, hold: 60 },
    { weight: 100, hold: 60 },
  ];
  policy.canary['check-interval'] = 20;
  policy.canary['control-interval'] = 20;
  policy.lock['observation-window'] = 0;
  policy.health['minimum-requests'] = 50;
  changes(policy);
  return policy;
}

describe('progressiveDeploy', () => {
  let github: LocalGitHub;
  let clock: FakeClock;
  let commands: string[];

  const seed = (deployments: { commit: string; created_at: string; statuses: { state: 'success' | 'failure' | 'in_progress'; created_at: string; description?: string }[] }[]) => ({
    repositories: [
      {
        owner: 'acme',
        name: 'shop',
        branches: [{ name: 'main', commits: [{ id: 'v1', sha: V1, message: 'v1' }, { id: 'v2', sha: V2, message: 'v2: new checkout' }] }],
        deployments: deployments.map((d) => ({ ...d, environment: 'production', ref: 'main' })),
      },
    ],
  });

  const start = async (deployments: Parameters<typeof seed>[0] = [{ commit: 'v1', created_at: hoursBefore(100), statuses: [{ state: 'success', created_at: hoursBefore(100) }] }]) => {
    github = await startLocalGitHub({ tokens: ['t'], now: () => clock.now(), seed: seed(deployments) });
  };

  const deps = (router: FakeTrafficRouter, provider: FakeMetricsProvider): ProgressiveDeployDeps => {
    const octokit = createGitHubClient({ token: 't', baseUrl: github.url, userAgent: 'test', log: quiet, pacing: false });
    const repo = { owner: 'acme', repo: 'shop' };
    const runner: CommandRunner = {
      locate: async (executable) => executable,
      run: async (command, options) => {
        commands.push(`${command.text} [TARGET_SHA=${options.env.TARGET_SHA?.slice(0, 7)}]`);
        return { exitCode: 0, timedOut: false, durationMs: 1, outputTail: '' };
      },
    };
    return {
      store: new GitHubDeploymentStore(octokit, repo),
      repository: new GitHubSourceRepository(octokit, repo),
      issues: new GitHubIssueTracker(octokit, repo),
      runner,
      probe: { probe: async (url) => ({ at: clock.now().toISOString(), status: 200, latencyMs: 3, body: url }) },
      clock,
      log: quiet,
      context: { repository: 'acme/shop', serverUrl: 'https://github.com', runId: '77', runUrl: 'https://github.com/acme/shop/actions/runs/77', event: 'push', actor: 'ada' },
      providers: [provider],
      router,
    };
  };

  const request = (policy = policyWith(), extra: Partial<ProgressiveDeployRequest> = {}): ProgressiveDeployRequest => ({
    environment: 'production',
    sha: V2,
    ref: 'main',
    operation: 'deploy',
    deployCommand: parseCommandLine('./deploy.sh canary'),
    rollbackCommand: parseCommandLine('./deploy.sh stop-canary'),
    workingDirectory: '/tmp',
    policy,
    ...extra,
  });

  const deploymentsOf = () => github.state().repositories[0]?.deployments ?? [];

  beforeEach(() => {
    clock = new FakeClock(T0);
    commands = [];
  });

  afterEach(async () => {
    const violations = github.violations();
    await github.close();
    expect(violations).toEqual([]);
  });

  it('promotes a healthy canary through every stage, recorded on one deployment, in few requests', async () => {
    await start();
    const router = new FakeTrafficRouter();
    github.resetLog();
    const outcome = await progressiveDeploy(request(), deps(router, traffic(() => 0.5)));
    expect(outcome.report).toMatchObject({ result: 'promoted', code: 'promoted' });
    expect(router.weights).toEqual([5, 25, 50, 100]);
    expect(router.current).toBe(100);
    expect(outcome.report.stages.map((s) => [s.stage, s.weight, s.checks, s.outcome])).toEqual([
      [1, 5, 3, 'advanced'],
      [2, 25, 3, 'advanced'],
      [3, 50, 3, 'advanced'],
      [4, 100, 3, 'promoted'],
    ]);
    const record = deploymentsOf().at(-1);
    expect(record?.sha).toBe(V2);
    expect(record?.payload).toMatchObject({ kind: 'deploy', rollout: { stages: [{ weight: 5, hold: 60 }, { weight: 25 }, { weight: 50 }, { weight: 100 }], router: 'fake' }, baseline: { metrics: { 'error-rate': 0.5 } } });
    expect(record?.statuses.map((s) => `${s.state}: ${s.description}`)).toEqual([
      'in_progress: stage 0/4 · 0 % · starting the canary',
      'in_progress: stage 1/4 · 5 % · holding',
      'in_progress: stage 2/4 · 25 % · holding; 5 % was healthy, success 99.5 %',
      'in_progress: stage 3/4 · 50 % · holding; 25 % was healthy, success 99.5 %',
      'in_progress: stage 4/4 · 100 % · holding; 50 % was healthy, success 99.5 %',
      'success: stage 4/4 · 100 % · promoted; 100 % was healthy, success 99.5 %',
    ]);
    expect(commands).toEqual([`./deploy.sh canary [TARGET_SHA=${V2.slice(0, 7)}]`]);
    // 2 to read the lock, 1 deployment, 6 statuses, and a control read per minute of holding (4 min).
    expect(github.requests().length).toBeLessThanOrEqual(25);
  });

  it('keeps a default 4-stage deploy (10/10/10/30 min, a check a minute) within 25 GitHub requests', async () => {
    await start();
    const policy = defaultPolicy();
    policy.lock['observation-window'] = 0;
    github.resetLog();
    const outcome = await progressiveDeploy(request(policy), deps(new FakeTrafficRouter(), traffic(() => 0.5, 0.5, 2000)));
    expect(outcome.report.result).toBe('promoted');
    expect(outcome.report.history).toHaveLength(60);
    const requests = github.requests().map((r) => `${r.method} ${r.path.replace(/\?.*/, '').replace(/\d{8}/, ':id')}`);
    // 1 list + 1 statuses for the lock, 11 control reads (every 5 min) and 1 before promoting; 1 deployment, 6 statuses.
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(14);
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(7);
    expect(requests.length).toBeLessThanOrEqual(25);
  });

  it('rolls back at 5 % when the canary fails half its requests: traffic to stable, a rollback record, an incident', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const outcome = await progressiveDeploy(request(), deps(router, traffic(() => 50)));
    expect(outcome.report).toMatchObject({ result: 'rolled-back', code: 'partial-failure' });
    expect(outcome.report.message).toMatch(/success rate is 50 %.*under 80 %/);
    expect(router.weights).toEqual([5, 0]);
    expect(outcome.report.secondsToRestore).toBe(20);
    expect(outcome.rollback).toMatchObject({ result: 'rolled-back', plan: { target: { sha: V1 } } });
    const [, , ours, rollback] = [undefined, ...deploymentsOf()];
    expect(ours?.statuses.at(-1)).toMatchObject({ state: 'failure' });
    expect(rollback).toMatchObject({ sha: V1, task: 'deploy:rollback' });
    expect(commands).toEqual([`./deploy.sh canary [TARGET_SHA=${V2.slice(0, 7)}]`, `./deploy.sh stop-canary [TARGET_SHA=${V1.slice(0, 7)}]`]);
    const issue = github.state().repositories[0]?.issues[0];
    expect(issue?.labels).toEqual(expect.arrayContaining(['incident', 'rollback', 'severity:S2']));
    expect(issue?.body).toContain('stage 1/4 (5 %)');
    expect(issue?.body).toContain('```mermaid');
  });

  it('pauses between 80 % and 95 % success, opens a needs-decision incident, and a later promote finishes from the record', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const paused = await progressiveDeploy(request(), deps(router, traffic(() => 10)));
    expect(paused.report).toMatchObject({ result: 'paused', code: 'partial-failure' });
    expect(router.current).toBe(5);
    const record = deploymentsOf().at(-1);
    expect(record?.statuses.at(-1)?.description).toMatch(/^stage 1\/4 · 5 % · paused — needs decision: the canary's success rate is 90 %/);
    expect(github.state().repositories[0]?.issues[0]?.labels).toEqual(expect.arrayContaining(['incident', 'needs-decision']));

    // A new run is refused while the rollout is paused ...
    await expect(progressiveDeploy(request(undefined, { sha: V1 }), deps(router, traffic(() => 0.5)))).rejects.toThrow(/paused.*operation 'promote' or 'abort'/s);
    // ... and `promote` resumes it from the record and goes straight to 100 %.
    const promoted = await progressiveDeploy(request(undefined, { operation: 'promote' }), deps(router, traffic(() => 10)));
    expect(promoted.report).toMatchObject({ result: 'promoted', deploymentId: record?.id });
    expect(router.weights).toEqual([5, 100]);
    expect(deploymentsOf()).toHaveLength(2);
  });

  it('never rolls back for want of data: inconclusive holds, then traffic back on stable and the record marked error', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const policy = policyWith((p) => (p.canary['max-inconclusive-holds'] = 1));
    const outcome = await progressiveDeploy(request(policy), deps(router, traffic(() => 'none')));
    expect(outcome.report).toMatchObject({ result: 'failed', code: 'inconclusive' });
    expect(outcome.rollback).toBeUndefined();
    expect(router.weights).toEqual([5, 0]);
    expect(outcome.report.stages[0]?.checks).toBe(6);
    expect(deploymentsOf().at(-1)?.statuses.at(-1)).toMatchObject({ state: 'error' });
    expect(deploymentsOf()).toHaveLength(2);
    expect(github.state().repositories[0]?.issues ?? []).toHaveLength(0);
  });

  it('rolls back when the traffic command fails mid-rollout', async () => {
    await start();
    const router = new FakeTrafficRouter({ failFromCall: 2 });
    const outcome = await progressiveDeploy(request(), deps(router, traffic(() => 0.5)));
    expect(outcome.report).toMatchObject({ result: 'rolled-back', code: 'router-failed' });
    expect(router.weights).toEqual([5, 0]);
    expect(outcome.report.message).toMatch(/traffic router failed at stage 2\/4 \(25 %\)/);
  });

  it('notices an abort requested by another run at its next control check', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const d = deps(router, traffic(() => 0.5));
    d.onDeploymentCreated = async (id) => {
      // Another run asks to abort as soon as the rollout exists (the request is written as a status).
      const other = await progressiveDeploy(request(undefined, { operation: 'abort', reason: 'checkout is slow' }), { ...deps(new FakeTrafficRouter(), traffic(() => 0.5)), context: { ...d.context, actor: 'grace' } });
      expect(other.report).toMatchObject({ result: 'requested', deploymentId: id });
    };
    const outcome = await progressiveDeploy(request(), d);
    expect(outcome.report).toMatchObject({ result: 'rolled-back', code: 'aborted' });
    expect(outcome.report.message).toContain('Aborted by @grace: checkout is slow');
    expect(outcome.rollback?.plan.trigger).toBe('manual');
    expect(router.weights).toEqual([5, 0]);
  });

  it('stops when the rollback action marks its deployment from outside: traffic to stable, canary stopped, no second rollback', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const d = deps(router, traffic(() => 0.5));
    d.onDeploymentCreated = async (id) => {
      await d.store.createStatus(id, { state: 'failure', description: 'Rolled back to 1a2b3c4 by deployment #99: checkout errors' });
    };
    const outcome = await progressiveDeploy(request(), d);
    expect(outcome.report).toMatchObject({ result: 'rolled-back', code: 'aborted-externally' });
    expect(outcome.report.message).toContain('Marked failure from outside: Rolled back to 1a2b3c4 by deployment #99');
    expect(router.weights).toEqual([5, 0]);
    expect(commands.at(-1)).toContain('stop-canary');
    expect(outcome.rollback).toBeUndefined();
    expect(deploymentsOf()).toHaveLength(2);
    expect(deploymentsOf().at(-1)?.statuses.at(-1)).toMatchObject({ state: 'failure' });
  });

  it('resumes a paused rollout as recorded: its own commit and stages, whatever the dispatching run checked out', async () => {
    await start();
    const router = new FakeTrafficRouter();
    await progressiveDeploy(request(), deps(router, traffic(() => 10)));
    // The dispatch runs on a newer main (V1 here stands for "another commit") with a policy of other stages.
    const other = policyWith((p) => (p.canary.stages = [{ weight: 50, hold: 20 }, { weight: 100, hold: 20 }]));
    const promoted = await progressiveDeploy(request(other, { operation: 'promote', sha: V1, promoteCommand: parseCommandLine('./deploy.sh promote') }), deps(router, traffic(() => 10)));
    expect(promoted.report).toMatchObject({ result: 'promoted', sha: V2, totalStages: 4 });
    expect(commands.at(-1)).toBe(`./deploy.sh promote [TARGET_SHA=${V2.slice(0, 7)}]`);
  });

  it('honours an abort written after the last control read: checked once more before promoting', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const policy = policyWith((p) => (p.canary['control-interval'] = 3600));
    const d = deps(router, traffic(() => 0.5));
    d.onDeploymentCreated = async (id) => {
      await d.store.createStatus(id, { state: 'in_progress', description: 'abort requested by @grace: wrong build' });
    };
    const outcome = await progressiveDeploy(request(policy), d);
    expect(outcome.report).toMatchObject({ result: 'rolled-back', code: 'aborted' });
    expect(router.weights).toEqual([5, 25, 50, 100, 0]);
    expect(deploymentsOf().find((x) => x.sha === V2)?.statuses.some((s) => s.state === 'success')).toBe(false);
  });

  it('with rollback.auto off, still puts traffic on stable, stops the canary, and closes the record itself', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const policy = policyWith((p) => (p.rollback.auto = false));
    const outcome = await progressiveDeploy(request(policy), deps(router, traffic(() => 50)));
    expect(outcome.report.result).toBe('rolled-back');
    expect(outcome.rollback?.code).toBe('auto-rollback-disabled');
    expect(router.current).toBe(0);
    expect(commands.at(-1)).toContain('stop-canary');
    expect(deploymentsOf()).toHaveLength(2);
    expect(deploymentsOf().at(-1)?.statuses.at(-1)).toMatchObject({ state: 'failure' });
    expect(outcome.incident?.number).toBe(1);
  });

  it('holds each stage at least its hold, even when every check takes time to read', async () => {
    await start();
    const slowReads = new FakeMetricsProvider({
      name: 'slow',
      calls: [
        (query) => {
          void clock.sleep(0.4); // the FakeClock moves at once: a read that takes 0.4 s
          return [{ kind: 'value', provider: 'slow', metric: 'error-rate', track: query.track, at: clock.now().toISOString(), source: 's', value: 0.5, unit: 'percent', counts: { requests: 400, errors: 2 } }];
        },
      ],
    });
    const outcome = await progressiveDeploy(request(), deps(new FakeTrafficRouter(), slowReads));
    for (const stage of outcome.report.stages) {
      expect((Date.parse(stage.endedAt ?? '') - Date.parse(stage.startedAt)) / 1000).toBeGreaterThanOrEqual(60);
      expect(stage.checks).toBe(3);
    }
  });

  it('pausing at 100 % steps back to the previous stage’s weight', async () => {
    await start();
    const router = new FakeTrafficRouter();
    const outcome = await progressiveDeploy(request(), deps(router, traffic((call) => (call < 9 ? 0 : 100))));
    expect(outcome.report.result).toBe('paused');
    expect(router.weights).toEqual([5, 25, 50, 100, 50]);
    expect(deploymentsOf().at(-1)?.statuses.at(-1)?.description).toMatch(/^stage 3\/4 · 50 % · paused — needs decision/);
  });

  it('refuses a router mistake before writing anything, instead of rolling back a healthy release at that stage', async () => {
    await start();
    const router = new FakeTrafficRouter();
    router.check = async () => {
      throw new ConfigurationError('canary.stages[1].weight', '33.333 % cannot be routed by nginx: split_clients takes at most two decimals.', 'Round it.');
    };
    await expect(progressiveDeploy(request(), deps(router, traffic(() => 0.5)))).rejects.toThrow('canary.stages[1].weight');
    expect(deploymentsOf()).toHaveLength(1);
    expect(router.weights).toEqual([]);
  });

  it('refuses to start inside the last release’s observation window unless an override reason is given, which it records', async () => {
    await start([{ commit: 'v1', created_at: hoursBefore(3), statuses: [{ state: 'success', created_at: hoursBefore(3) }] }]);
    const policy = policyWith((p) => (p.lock['observation-window'] = 48 * 3600));
    const router = new FakeTrafficRouter();
    const refused = progressiveDeploy(request(policy), deps(router, traffic(() => 0.5)));
    await expect(refused).rejects.toBeInstanceOf(ConfigurationError);
    await expect(refused).rejects.toThrow(/inside its 48 h observation window.*pass 'override'/s);
    expect(deploymentsOf()).toHaveLength(1);
    const outcome = await progressiveDeploy(request(policy, { override: 'hotfix for the payment outage' }), deps(router, traffic(() => 0.5)));
    expect(outcome.report.result).toBe('promoted');
    expect(deploymentsOf().at(-1)?.payload).toMatchObject({ rollout: { override: { reason: 'hotfix for the payment outage', by: 'ada' } } });
  });

  it('refuses to start while another rollout is in progress, and ignores one that went stale', async () => {
    await start([{ commit: 'v1', created_at: hoursBefore(0.5), statuses: [{ state: 'in_progress', created_at: hoursBefore(0.5), description: 'stage 2/4 · 25 % · holding' }] }]);
    await expect(progressiveDeploy(request(), deps(new FakeTrafficRouter(), traffic(() => 0.5)))).rejects.toThrow(/is in_progress since .* at stage 2\/4; one rollout at a time/);
    clock = new FakeClock(new Date(Date.parse(T0) + 3 * 3600_000));
    const outcome = await progressiveDeploy(request(), deps(new FakeTrafficRouter(), traffic(() => 0.5)));
    expect(outcome.report.result).toBe('promoted');
    expect(deploymentsOf()[0]?.statuses.at(-1)).toMatchObject({ state: 'error', description: expect.stringContaining('Abandoned') });
  });

  it('on the first release of an environment, stops the canary and records the failure without a rollback deployment', async () => {
    await start([]);
    const router = new FakeTrafficRouter();
    const outcome = await progressiveDeploy(request(), deps(router, traffic(() => 60)));
    expect(outcome.report.result).toBe('rolled-back');
    expect(outcome.rollback).toBeUndefined();
    expect(outcome.incident?.number).toBe(1);
    expect(deploymentsOf()).toHaveLength(1);
    expect(deploymentsOf()[0]?.statuses.at(-1)).toMatchObject({ state: 'failure' });
    expect(commands.at(-1)).toContain('stop-canary');
  });
});
