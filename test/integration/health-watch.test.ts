import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha } from '../../packages/testing/src/builders';
import { findFreePort } from '../../packages/testing/src/find-free-port';
import { runAction } from '../../packages/testing/src/run-action';
import { pushEvent } from '../../packages/testing/src/events';
import { assertNoOpenApiViolations, repoRoot, Scenario, shopRepository, TOKEN } from './scenario';

const minute = (n: number) => new Date(Date.now() - (60 - n) * 60_000).toISOString();

/** The sample app deployed the way a team's script would (sample-app/control.mjs), on a free loopback port. */
class SampleApp {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(version: string, faulty: string[]): Promise<SampleApp> {
    const app = new SampleApp(await mkdtemp(path.join(tmpdir(), 'health-watch-app-')), await findFreePort());
    await writeFile(path.join(app.dir, 'faulty-versions'), faulty.join('\n'));
    app.control('deploy', version);
    return app;
  }

  get env() {
    return { APP_STATE_DIR: this.dir, APP_PORT: String(this.port) };
  }

  get healthUrl() {
    return `http://127.0.0.1:${this.port}/health`;
  }

  control(command: 'deploy' | 'stop', version?: string): void {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'sample-app', 'control.mjs'), command], { env: { ...process.env, ...this.env, ...(version ? { APP_VERSION: version } : {}) }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`control ${command}: ${result.stderr}`);
  }

  async stop(): Promise<void> {
    this.control('stop');
    await rm(this.dir, { recursive: true, force: true });
  }
}

describe('health-watch action (bundle) against the local GitHub and the sample app', () => {
  let scenario: Scenario;
  let app: SampleApp | undefined;
  let good: number;
  let current: number;

  beforeEach(async () => {
    scenario = await Scenario.start(shopRepository());
    const ok = (at: number) => [{ state: 'in_progress' as const, created_at: minute(at) }, { state: 'success' as const, created_at: minute(at + 1) }];
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', ref: 'main', environment: 'production', created_at: minute(10), statuses: ok(10) }] }] });
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c2', ref: 'main', environment: 'production', created_at: minute(20), statuses: ok(20) }] }] });
    [good, current] = scenario.repository().deployments.map((d) => d.id) as [number, number];
  });

  afterEach(async () => {
    try {
      assertNoOpenApiViolations(scenario.github);
    } finally {
      await app?.stop();
      app = undefined;
      await scenario.close();
    }
  });

  const watch = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAction('health-watch', {
      inputs: { token: TOKEN, environment: 'production', 'policy-file': 'deploy-policy.yml', interval: '1s', ...inputs },
      eventName: 'push',
      event: pushEvent(sha('c2')),
      workspace: scenario.workspace,
      env: { GITHUB_API_URL: scenario.github.url, ...app?.env, ...env },
    });

  it('watches a healthy deployment and records it', async () => {
    app = await SampleApp.start(sha('c2'), []);
    const run = await watch({ 'health-url': app.healthUrl, duration: '3s' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'healthy', triggers: '[]', 'should-rollback': 'false', 'deployment-id': String(current), 'rollback-result': '' });
    const last = scenario.deployment(current).statuses.at(-1);
    expect(last).toMatchObject({ state: 'success', description: expect.stringMatching(/^Health watch: healthy over [34] checks$/) });
    expect(run.summary).toContain('— ✅ healthy');
    expect(JSON.parse(run.outputs.evidence ?? '{}')).toMatchObject({ verdict: 'healthy', triggers: [] });
  });

  it('rolls back an unhealthy deployment in the same step, with the evidence in the incident', async () => {
    app = await SampleApp.start(sha('c2'), [sha('c2')]);
    const run = await watch({ 'health-url': app.healthUrl, duration: '30s', 'on-unhealthy': 'rollback', 'rollback-command': 'node sample-app/control.mjs deploy', 'working-directory': repoRoot });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', 'should-rollback': 'true', 'rollback-result': 'rolled-back', 'incident-issue': '1' });
    // The faulty build's /health reports 50 % errors: seed 004's absolute limits fire at the first check.
    expect(JSON.parse(run.outputs.triggers ?? '[]')).toEqual(['absolute-error-rate', 'absolute-availability']);
    // The app now runs the last known good version and answers healthy.
    const health = (await (await fetch(app.healthUrl)).json()) as { version: string; status: string };
    expect(health).toMatchObject({ version: sha('c1'), status: 'healthy' });
    const rollback = scenario.repository().deployments.at(-1);
    expect(rollback).toMatchObject({ task: 'deploy:rollback', sha: sha('c1') });
    expect(rollback?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(scenario.deployment(current).statuses.at(-1)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Rolled back to [0-9a-f]{7} by deployment #\d+: Health watch: The error rate is 50 %, above the critical limit of 5 %/) });
    const body = scenario.repository().issues[0]?.body ?? '';
    expect(body).toContain('### Evidence');
    expect(body).toContain('| 🔴 critical | `absolute-error-rate` | error-rate (health-url) | 50 | — | 5 |');
    expect(body).toMatch(/\| \d\d:\d\d:\d\d \| ❌ unhealthy \|/);
    expect(body).toContain('```mermaid');
    expect(rollback?.payload).toMatchObject({ rollback: { 'from-deployment': current, 'target-deployment': good, trigger: 'automatic' } });
  });

  it('fails the step and marks the deployment failure with on-unhealthy: fail', async () => {
    app = await SampleApp.start(sha('c2'), [sha('c2')]);
    const run = await watch({ 'health-url': app.healthUrl, duration: '30s' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual(expect.objectContaining({ level: 'error', message: 'Unhealthy: The error rate is 50 %, above the critical limit of 5 %. The availability is 50 %, below the critical limit of 99 %.' }));
    expect(scenario.deployment(current).statuses.at(-1)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Health watch: unhealthy — /) });
    expect(scenario.repository().deployments).toHaveLength(2);
  });

  it('counts a health endpoint that stops answering as failing checks: 3 in a row within 60 s is unhealthy (seed 004)', async () => {
    const run = await watch({ 'health-url': `http://127.0.0.1:${await findFreePort()}/health`, duration: '10s', 'on-unhealthy': 'report' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', triggers: '["consecutive-failures"]', 'should-rollback': 'true', 'rollback-result': '' });
    expect(JSON.parse(run.outputs.evidence ?? '{}').reasons[0].sentence).toMatch(/^3 consecutive health checks failed within [\d.]+ s \(limit: 3 within 60 s\)\.$/);
    expect(scenario.writes()).toEqual([]);
  });

  it('observes the post-release window across runs, resuming from the deployment record, and hardens it', async () => {
    app = await SampleApp.start(sha('c2'), []);
    await scenario.writePolicy('health:\n  observation-window: 6s\n');
    // A release that succeeded a moment ago.
    const now = new Date().toISOString();
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c3', ref: 'main', environment: 'production', created_at: now, statuses: [{ state: 'success', created_at: now }] }] }] });
    current = Math.max(...scenario.repository().deployments.map((d) => d.id));
    const first = await watch({ 'health-url': app.healthUrl, mode: 'observe', duration: '2s' });
    expect(first.exitCode).toBe(0);
    const progress = scenario.deployment(current).statuses.at(-1)?.description ?? '';
    const seen = Number(/, (\d+) checks, clean$/.exec(progress)?.[1]);
    expect(progress).toMatch(/^Observation: [\d.]+ h of 0\.00167 h, \d+ checks, clean$/);
    expect(seen).toBeGreaterThanOrEqual(2);
    // A later scheduled run picks up where the first stopped and closes the window.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const second = await watch({ 'health-url': app.healthUrl, mode: 'observe', duration: '2s' });
    expect(second.exitCode).toBe(0);
    const hardened = scenario.deployment(current).statuses.at(-1)?.description ?? '';
    expect(hardened).toMatch(/^Hardened: 0\.00167 h observation window clean \((\d+) checks\)$/);
    expect(Number(/\((\d+) checks\)/.exec(hardened)?.[1])).toBeGreaterThan(seen);
    // Once hardened there is nothing left to observe: no check, no write.
    scenario.github.resetLog();
    const third = await watch({ 'health-url': app.healthUrl, mode: 'observe', duration: '2s' });
    expect(third.outputs.verdict).toBe('healthy');
    expect(third.summary).toMatch(/Nothing to observe: deployment #\d+ was hardened at/);
    expect(scenario.writes()).toEqual([]);
  });

  it('measures a baseline and compares a later watch with it', async () => {
    app = await SampleApp.start(sha('c2'), []);
    const measured = await watch({ 'health-url': app.healthUrl, mode: 'baseline', duration: '2s' });
    expect(measured.exitCode).toBe(0);
    const baseline = JSON.parse(measured.outputs.baseline ?? '') as { metrics: Record<string, number>; 'window-seconds': number };
    expect(baseline.metrics).toMatchObject({ 'error-rate': 0, availability: 100 });
    expect(measured.summary).toContain('| error-rate | 0 |');
    expect(scenario.writes()).toEqual([]);
    const compared = await watch({ 'health-url': app.healthUrl, mode: 'once', baseline: measured.outputs.baseline ?? '' });
    expect(compared.outputs.verdict).toBe('healthy');
    expect(JSON.parse(compared.outputs.evidence ?? '{}')).toMatchObject({ baseline: { metrics: { 'error-rate': 0 } } });
  });

  it.each([
    ['nothing to watch', {}, '', /input 'health-url': there is nothing to watch/],
    ['an unknown provider kind', {}, 'health:\n  providers:\n    - kind: prometheus-push\n', /health\.providers\[0\]\.kind: unknown provider kind "prometheus-push"\. Fix: Did you mean 'prometheus'\? Known kinds: http, prometheus, prometheus-scrape, command\./],
    ['a bad mode', { mode: 'forever', 'health-url': 'http://127.0.0.1:9/health' }, '', /input 'mode': 'forever' is not one of once, watch, wait-until-healthy, observe, baseline/],
    ['a bad baseline', { baseline: '{"metrics": 1}', 'health-url': 'http://127.0.0.1:9/health' }, '', /input 'baseline': is not a baseline/],
  ])('%s is a configuration error', async (_name, inputs, policy, message) => {
    await scenario.writePolicy(policy);
    const run = await watch(inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(message)]);
    expect(scenario.writes()).toEqual([]);
  });
});
