// End to end: the progressive-deploy bundle, run as the runner runs it, shipping a canary of the sample app through
// a real nginx (Debian's package, `split_clients`) under bounded load, judged from a real Prometheus scraping both
// tracks every second, recorded in the local GitHub. The canary is started by the action's deploy-command
// (sample-app/control.mjs) with its faults in the environment, stopped by its rollback-command; stable (v1) runs
// for the whole file. Stages hold 6 s with a check every 3 s, except the restore-time scenario (10 s interval).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createTrafficRouter, ProcessCommandRunner } from '../../packages/adapters/src';
import { findFreePort } from '../../packages/testing/src/find-free-port';
import { pushEvent, workflowDispatchEvent } from '../../packages/testing/src/events';
import { runAction, type ActionRun } from '../../packages/testing/src/run-action';
import { assertNoOpenApiViolations, repoRoot, Scenario, shopRepository, TOKEN } from '../integration/scenario';
import { generateLoad, type LoadRun } from '../support/generate-load';
import { nginxAvailable, startNginx, type LocalNginx } from '../support/start-nginx';
import { startPrometheus, type LocalPrometheus } from '../support/start-prometheus';
import { startSampleApp, type SampleApp } from '../support/start-sample-app';
import { queryPrometheus } from './support/query-prometheus';

const CONTROL = path.join(repoRoot, 'sample-app', 'control.mjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stable: SampleApp;
let canaryPort: number;
let canaryState: string;
let nginx: LocalNginx;
let prometheus: LocalPrometheus;
let load: LoadRun | undefined;

const canaryUrl = () => `http://127.0.0.1:${canaryPort}`;
const stopCanary = () => spawnSync(process.execPath, [CONTROL, 'stop'], { env: { ...process.env, APP_STATE_DIR: canaryState, APP_PORT: String(canaryPort) } });

/** Which track answered each of `count` requests through nginx (the app's x-app-track header). */
async function servedTracks(count = 40): Promise<Record<string, number>> {
  const tracks: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${nginx.url}/shop`);
    await response.arrayBuffer();
    const track = response.headers.get('x-app-track') ?? `HTTP ${response.status}`;
    tracks[track] = (tracks[track] ?? 0) + 1;
  }
  return tracks;
}

const describeNginx = nginxAvailable() || process.env.CI ? describe : describe.skip;

beforeAll(async () => {
  if (!nginxAvailable() && !process.env.CI) return;
  canaryState = await mkdtemp(path.join(tmpdir(), 'safe-deploy-canary-'));
  canaryPort = await findFreePort();
  stable = await startSampleApp({ track: 'stable', version: 'v1' });
  nginx = await startNginx({ stable: `127.0.0.1:${stable.port}`, canary: `127.0.0.1:${canaryPort}` });
  prometheus = await startPrometheus({ targets: [{ url: stable.metricsUrl, job: 'shop-stable' }, { url: `${canaryUrl()}/metrics`, job: 'shop-canary' }], waitForTargets: false });
  // The canary is down until a deploy starts it; stable must have been scraped before the first baseline is taken.
  const deadline = Date.now() + 30_000;
  while ((await queryPrometheus(prometheus.url, 'up{job="shop-stable"}')) !== 1) {
    if (Date.now() > deadline) throw new Error('Prometheus never scraped the stable app');
    await sleep(250);
  }
}, 60_000);

afterAll(async () => {
  await load?.stop();
  stopCanary();
  await Promise.allSettled([prometheus?.close(), nginx?.close(), stable?.close()]);
  if (canaryState) await rm(canaryState, { recursive: true, force: true });
});

describeNginx('progressive-deploy (bundle) through a real nginx, judged from a real Prometheus', () => {
  let scenario: Scenario;
  let v1: string;
  let v2: string;

  /** The policy: 4 stages through nginx, smoke checks on the canary, the given overrides merged in. */
  async function writePolicy(overrides: { canary?: Record<string, unknown>; router?: Record<string, unknown>; health?: Record<string, unknown> } = {}) {
    const policy = {
      canary: {
        stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '6s' })),
        'check-interval': '3s',
        'control-interval': '3s',
        'max-inconclusive-holds': 3,
        'weight-timeout': '10s',
        'smoke-checks': { urls: [`${canaryUrl()}/health`], timeout: '15s', interval: '0.5s' },
        router: { ...nginx.routerConfig(), ...overrides.router },
        ...overrides.canary,
      },
      health: { 'minimum-requests': 20, ...overrides.health },
      lock: { 'observation-window': '0s' },
      rollback: { 'retry-delay': '1s' },
    };
    await scenario.writePolicy(stringify(policy));
  }

  const deploy = (faults: Record<string, string> = {}, options: { inputs?: Record<string, string>; state?: Record<string, string>; cancelWhen?: RegExp; manual?: boolean; expect?: string } = {}): Promise<ActionRun> =>
    runAction('progressive-deploy', {
      inputs: {
        token: TOKEN,
        environment: 'production',
        'policy-file': 'deploy-policy.yml',
        'working-directory': '.',
        'deploy-command': `node ${CONTROL} deploy`,
        'rollback-command': `node ${CONTROL} stop`,
        'prometheus-url': prometheus.url,
        'health-url': `${nginx.url}/health`,
        operation: 'deploy',
        ...options.inputs,
      },
      eventName: options.manual ? 'workflow_dispatch' : 'push',
      event: options.manual ? workflowDispatchEvent({ environment: 'production' }) : pushEvent(v2),
      workspace: scenario.workspace,
      env: {
        GITHUB_API_URL: scenario.github.url,
        GITHUB_SHA: v2,
        APP_STATE_DIR: canaryState,
        APP_PORT: String(canaryPort),
        APP_TRACK: 'canary',
        ...faults,
        ...Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v])),
      },
      timeoutMs: 150_000,
      ...(options.cancelWhen ? { cancelWhen: options.cancelWhen } : {}),
    }).then((run) => {
      // The action's own log, when asked (DEBUG_E2E=1) or when a run ends otherwise than the test expects.
      if (process.env.DEBUG_E2E || (options.expect && run.outputs.result !== options.expect)) console.log(`${run.stdout}\n${run.stderr}`);
      return run;
    });

  /** Load through nginx, warmed up so that stable has a baseline in Prometheus's windows before the deploy. */
  const startLoad = async (ratePerSecond = 100) => {
    load = generateLoad({ url: `${nginx.url}/shop`, ratePerSecond, durationSeconds: 110 });
    await sleep(4000);
  };

  beforeEach(async () => {
    scenario = await Scenario.start(shopRepository());
    v1 = scenario.sha('c1');
    v2 = scenario.sha('c4');
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', ref: 'main', environment: 'production', created_at: '2026-11-01T09:00:00Z', statuses: [{ state: 'success', created_at: '2026-11-01T09:01:00Z' }] }] }] });
    // Every scenario starts with all traffic on stable and no canary running.
    await createTrafficRouter(nginx.routerConfig(), { runner: new ProcessCommandRunner({ secrets: [], echo: () => {} }), workingDirectory: scenario.workspace }).setWeight(0);
    stopCanary();
    await writePolicy();
  });

  afterEach(async () => {
    await load?.stop();
    load = undefined;
    assertNoOpenApiViolations(scenario.github);
    await scenario.close();
  });

  it('promotes a good v2: every stage passes, nginx ends at 100 % on v2, the record says success', async () => {
    await startLoad();
    const run = await deploy({}, { expect: 'promoted' });
    expect(run.outputs).toMatchObject({ result: 'promoted', stage: '4' });
    expect(run.exitCode).toBe(0);
    expect(await servedTracks()).toEqual({ canary: 40 });
    const deployment = scenario.deployment(Number(run.outputs['deployment-id']));
    expect(deployment.statuses.at(-1)).toMatchObject({ state: 'success', description: expect.stringMatching(/^stage 4\/4 · 100 % · promoted; 100 % was healthy/) });
    expect(deployment.payload).toMatchObject({ baseline: { metrics: expect.objectContaining({ 'error-rate': expect.any(Number) }) }, rollout: { router: 'nginx' } });
    // nginx really split the traffic along the way: the canary served some requests, and not all of them before 100 %.
    const log = await nginx.accessLog();
    expect(log.filter((e) => e.upstream.endsWith(`:${canaryPort}`)).length).toBeGreaterThan(50);
    expect(run.summary).toContain('| 1/4 | 5 % |');
  }, 180_000);

  it('rolls back v2 with injected errors at 5 %: all traffic back on v1, failure record, incident — and reports how fast', async () => {
    await writePolicy({ canary: { 'check-interval': '10s', 'control-interval': '10s', stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '20s' })) } });
    await startLoad();
    const run = await deploy({ APP_ERROR_RATE: '30' }, { expect: 'rolled-back' });
    expect(run.outputs).toMatchObject({ result: 'rolled-back', stage: '1', 'incident-issue': '1' });
    expect(run.exitCode).toBe(1);
    expect(await servedTracks()).toEqual({ stable: 40 });
    const [, ours, rollback] = scenario.repository().deployments;
    expect(ours?.statuses.at(-1)?.state).toBe('failure');
    expect(rollback).toMatchObject({ sha: v1, task: 'deploy:rollback' });
    expect(rollback?.statuses.at(-1)?.state).toBe('success');
    expect(scenario.repository().issues[0]?.body).toContain('stage 1/4 (5 %)');
    const seconds = Number(run.outputs['seconds-to-restore']);
    expect(seconds).toBeGreaterThan(0);
    console.log(`progressive-deploy e2e: the bad version took traffic and was off it again after ${seconds} s (check interval 10 s)`);
  }, 180_000);

  it('rolls back v2 with added latency (p95 far above stable’s)', async () => {
    await startLoad();
    const run = await deploy({ APP_LATENCY_MS: '300' }, { expect: 'rolled-back' });
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.summary).toMatch(/p95|latency/i);
    expect(await servedTracks(20)).toEqual({ stable: 20 });
  }, 180_000);

  it('rolls back v2 with a memory leak once 30 s of checks show the growth', async () => {
    await writePolicy({ canary: { 'check-interval': '5s', 'control-interval': '5s', stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '15s' })) } });
    await startLoad();
    const run = await deploy({ APP_MEMORY_GROWTH_MB_PER_MIN: '240', APP_MEMORY_MAX_GROWTH_MB: '200' }, { expect: 'rolled-back' });
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.summary).toMatch(/Memory grew [\d.]+ %\/min/);
    expect(await servedTracks(20)).toEqual({ stable: 20 });
  }, 180_000);

  it('does not roll back without traffic: inconclusive, then traffic back on stable and the rollout failed safe', async () => {
    await writePolicy({ canary: { 'max-inconclusive-holds': 1 } });
    const run = await deploy({}, { expect: 'failed' });
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(scenario.repository().deployments).toHaveLength(2);
    expect(scenario.repository().deployments.at(-1)?.statuses.at(-1)?.state).toBe('error');
    expect(scenario.repository().issues).toHaveLength(0);
    expect(await servedTracks(10)).toEqual({ stable: 10 });
  }, 180_000);

  it('holds when Prometheus cannot be read, then fails safe without a rollback', async () => {
    await writePolicy({ canary: { 'max-inconclusive-holds': 1 } });
    await startLoad();
    const run = await deploy({}, { inputs: { 'prometheus-url': `http://127.0.0.1:${await findFreePort()}` }, expect: 'failed' });
    expect(run.outputs).toMatchObject({ result: 'failed', verdict: 'inconclusive' });
    expect(scenario.repository().deployments.filter((d) => d.task === 'deploy:rollback')).toHaveLength(0);
    expect(await servedTracks(10)).toEqual({ stable: 10 });
  }, 180_000);

  it('rolls back when changing the weight fails mid-rollout', async () => {
    // nginx through a wrapper whose second reload fails (the move to 25 %); the restore to 0 % works again.
    const wrapper = path.join(scenario.workspace, 'flaky-nginx.sh');
    await writeFile(wrapper, `#!/bin/sh\ncase "$*" in *"-s reload"*) n=$(cat reloads 2>/dev/null || echo 0); n=$((n+1)); echo $n > reloads; [ "$n" = 2 ] && { echo "reload refused" >&2; exit 1; } ;; esac\nexec ${nginx.binary} "$@"\n`);
    await chmod(wrapper, 0o755);
    await writePolicy({ router: { nginx: wrapper } });
    await startLoad();
    const run = await deploy({}, { expect: 'rolled-back' });
    expect(run.outputs).toMatchObject({ result: 'rolled-back', stage: '2' });
    expect(run.summary).toContain('The traffic router failed at stage 2/4 (25 %)');
    expect(await servedTracks(20)).toEqual({ stable: 20 });
  }, 180_000);

  it('when the run is cancelled mid-rollout, the post step puts all traffic back on stable', async () => {
    await startLoad();
    const main = await deploy({}, { cancelWhen: /Stage 2\/4: 25 %/ });
    expect(main.exitCode).not.toBe(0);
    const during = await servedTracks(40);
    expect(during.canary).toBeGreaterThan(0);
    const post = await deploy({}, { state: main.state });
    expect(post.exitCode).toBe(0);
    expect(await servedTracks(40)).toEqual({ stable: 40 });
    expect(scenario.deployment(Number(main.state['deployment-id'])).statuses.at(-1)?.state).toBe('error');
    await sleep(0);
  }, 180_000);
});
