// End to end: the health-watch bundle, run as the runner runs it, against the local GitHub, real sample apps under
// bounded load and a real Prometheus scraping them every second. Each scenario has its own app (one Prometheus job
// each, selected with `matchers` in the policy), so a fault switched on for one test cannot leak into another;
// a second Prometheus scraping the steady app is the one stopped mid-watch. Windows are 5 s and intervals 1–2 s;
// the memory-growth scenario needs 30 s of checks (the engine does not judge growth over less), so the file takes
// about 75 s.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha } from '../../packages/testing/src/builders';
import { pushEvent } from '../../packages/testing/src/events';
import { runAction, type ActionRun } from '../../packages/testing/src/run-action';
import { assertNoOpenApiViolations, Scenario, shopRepository, TOKEN } from '../integration/scenario';
import { generateLoad, type LoadRun } from '../support/generate-load';
import { startPrometheus, type LocalPrometheus } from '../support/start-prometheus';
import { startSampleApp, type SampleApp } from '../support/start-sample-app';
import { queryPrometheus } from './support/query-prometheus';

const WINDOW = '5s';
const JOBS = ['steady', 'errors', 'latency', 'memory', 'rollback', 'idle'] as const;
type Job = (typeof JOBS)[number];
const LOADED: readonly Job[] = ['steady', 'errors', 'latency', 'memory', 'rollback'];
const RATE_PER_SECOND = 40;
/** A load run is replaced before a test when it is older than this, so no test outlives its traffic (runs stop by themselves after 120 s). */
const LOAD_REFRESH_AFTER_MS = 50_000;

/** The built-in queries of the prometheus provider for one job's series, as the evidence names them. */
const promql = (job: Job) => ({
  requests: `sum(increase(http_requests_total{job="${job}"}[${WINDOW}]))`,
  errors: `sum(increase(http_requests_total{code=~"5..",job="${job}"}[${WINDOW}]))`,
  p95: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}"}[${WINDOW}])))`,
  memory: `sum(process_resident_memory_bytes{job="${job}"})`,
});
const errorRateSource = (job: Job) => `errors: ${promql(job).errors} / requests: ${promql(job).requests}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** Polls `read` until `done` holds for its value; fails after `timeoutMs` with the last value. */
async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what} (last: ${JSON.stringify(value)})`);
    await sleep(250);
  }
}

interface EvidenceReason {
  code: string;
  severity: string;
  metric: string;
  source: string;
  value: number | null;
  baseline: number | null;
  threshold: number | null;
  sentence: string;
}
interface Evidence {
  verdict: string;
  triggers: string[];
  reasons: EvidenceReason[];
  series: Record<string, [string, number][]>;
  baseline?: { metrics: Record<string, number> };
  checks: number;
}
const evidenceOf = (run: ActionRun) => JSON.parse(run.outputs.evidence ?? '{}') as Evidence;
/** A metric's series in the evidence, which keys each provider's series `metric@provider`. */
const seriesOf = (evidence: Evidence, metric: string) => Object.entries(evidence.series).find(([key]) => key.startsWith(`${metric}@`))?.[1];
const reasonOf = (run: ActionRun, code: string): EvidenceReason => {
  const found = evidenceOf(run).reasons.find((r) => r.code === code);
  if (!found) throw new Error(`no ${code} reason in the evidence: ${run.outputs.evidence}`);
  return found;
};
/** The rows of the summary's "Checks" table: time, verdict and one cell per metric. */
const checkRows = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => /^\| \d\d:\d\d:\d\d \| /.test(line))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

let apps: Record<Job, SampleApp>;
let prometheus: LocalPrometheus;
/** Scrapes only the steady app; the Prometheus-down scenario stops it. */
let doomedPrometheus: LocalPrometheus;
const loads = new Map<Job, { run: LoadRun; startedAt: number }>();

const startLoad = (job: Job) => loads.set(job, { run: generateLoad({ url: `${apps[job].url}/shop`, ratePerSecond: RATE_PER_SECOND, durationSeconds: 120 }), startedAt: Date.now() });
const requestsInWindow = async (url: string, job: Job) => (await queryPrometheus(url, promql(job).requests)) ?? 0;
/** The error rate Prometheus computes now from the same counts the provider reads. */
async function errorRateNow(job: Job): Promise<number> {
  const [requests, errors] = await Promise.all([queryPrometheus(prometheus.url, promql(job).requests), queryPrometheus(prometheus.url, promql(job).errors)]);
  return requests ? (100 * (errors ?? 0)) / requests : 0;
}

beforeAll(async () => {
  const started = await Promise.allSettled(
    JOBS.map((job) => startSampleApp({ track: 'current', version: `v-${job}`, memoryLimitMb: 512, ...(job === 'memory' ? { env: { APP_MEMORY_MAX_GROWTH_MB: '96' } } : {}) })),
  );
  apps = Object.fromEntries(JOBS.map((job, i) => [job, started[i]?.status === 'fulfilled' ? started[i].value : undefined])) as Record<Job, SampleApp>;
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  // The idle app served a few requests once: its series exist, its windows stay empty.
  for (let i = 0; i < 5; i++) await (await fetch(`${apps.idle.url}/shop`)).arrayBuffer();
  for (const job of LOADED) startLoad(job);
  const [main, doomed] = await Promise.allSettled([
    startPrometheus({ targets: JOBS.map((job) => ({ url: apps[job].metricsUrl, job })) }),
    startPrometheus({ targets: [{ url: apps.steady.metricsUrl, job: 'steady' }] }),
  ]);
  if (main.status === 'fulfilled') prometheus = main.value;
  if (doomed.status === 'fulfilled') doomedPrometheus = doomed.value;
  if (main.status === 'rejected') throw main.reason;
  if (doomed.status === 'rejected') throw doomed.reason;
  // rate() and increase() read low until the window holds several scrapes: wait for the load's counts (40/s × 5 s),
  // well above the engine's minimum of 100 requests.
  await Promise.all([
    ...LOADED.map((job) => waitUntil(`Prometheus counts ${job}'s requests over ${WINDOW}`, () => requestsInWindow(prometheus.url, job), (n) => n >= 150, 30_000)),
    waitUntil(`the second Prometheus counts steady's requests`, () => requestsInWindow(doomedPrometheus.url, 'steady'), (n) => n >= 150, 30_000),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.allSettled([...loads.values()].map((load) => load.run.stop()));
  await Promise.allSettled([prometheus?.close(), doomedPrometheus?.close()]);
  await Promise.allSettled(Object.values(apps ?? {}).map((app) => app?.close()));
});

describe('health-watch (bundle) judging a real app through a real Prometheus', () => {
  let active: Scenario | undefined;
  let good: number;
  let current: number;

  beforeEach(async () => {
    for (const [job, load] of loads) {
      if (Date.now() - load.startedAt > LOAD_REFRESH_AFTER_MS) {
        const old = load.run;
        startLoad(job);
        await old.stop();
      }
    }
    const scenario = await Scenario.start(shopRepository());
    active = scenario;
    const ok = (at: number) => [
      { state: 'in_progress' as const, created_at: minutesAgo(at) },
      { state: 'success' as const, created_at: minutesAgo(at - 1) },
    ];
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c1', ref: 'main', environment: 'production', created_at: minutesAgo(50), statuses: ok(50) }] }] });
    scenario.github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [{ commit: 'c2', ref: 'main', environment: 'production', created_at: minutesAgo(40), statuses: ok(40) }] }] });
    [good, current] = scenario.repository().deployments.map((d) => d.id) as [number, number];
  });

  afterEach(async () => {
    const closing = active;
    active = undefined;
    try {
      if (closing) assertNoOpenApiViolations(closing.github);
    } finally {
      await Promise.allSettled(JOBS.map(async (job) => apps?.[job]?.clearFaults()));
      await closing?.close();
    }
  });

  /** The running test's local GitHub and workspace. */
  const scenario = (): Scenario => {
    if (!active) throw new Error('no scenario: beforeEach did not run');
    return active;
  };

  /** The policy that points the prometheus provider at one app's series. */
  const usePolicy = (job: Job, extra = '') =>
    scenario().writePolicy(['health:', '  providers:', '    - kind: prometheus', '      name: prometheus', `      url: ${prometheus.url}`, `      matchers: 'job="${job}"'`, extra].join('\n'));

  /** Runs the bundle; it is killed after `timeoutMs`, which each test's own timeout exceeds, so none outlives its test. */
  const watch = (inputs: Record<string, string>, timeoutMs = 30_000) =>
    runAction('health-watch', {
      inputs: { token: TOKEN, environment: 'production', 'policy-file': 'deploy-policy.yml', interval: '1s', window: WINDOW, ...inputs },
      eventName: 'push',
      event: pushEvent(sha('c2')),
      workspace: scenario().workspace,
      env: { GITHUB_API_URL: scenario().github.url },
      timeoutMs,
    });

  /** A rollback command that only leaves a mark, to prove it did not run. */
  const writeMarkerCommand = async () => {
    await writeFile(path.join(scenario().workspace, 'mark-rolled-back.mjs'), "import { writeFileSync } from 'node:fs';\nwriteFileSync('rolled-back', 'yes');\n");
    return { command: 'node mark-rolled-back.mjs', marker: path.join(scenario().workspace, 'rolled-back') };
  };

  it('keeps a healthy deployment healthy and records it as a success', async () => {
    await usePolicy('steady');
    const run = await watch({ duration: '3s' });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'healthy', triggers: '[]', 'should-rollback': 'false', 'deployment-id': String(current), 'rollback-result': '' });
    const evidence = evidenceOf(run);
    expect(evidence).toMatchObject({ verdict: 'healthy', triggers: [], reasons: [] });
    expect(evidence.checks).toBeGreaterThanOrEqual(2);
    expect(scenario().deployment(current).statuses.at(-1)).toMatchObject({ state: 'success', description: `Health watch: healthy over ${evidence.checks} checks` });
    expect(scenario().writes()).toEqual([`POST /repos/acme/shop/deployments/${current}/statuses 201`]);
    // The summary shows what Prometheus measured: no errors under the load, a fast p95, every check healthy.
    expect(run.summary).toContain('— ✅ healthy');
    expect(run.summary).toContain('| 🟢 ok | `absolute-error-rate` | error-rate (prometheus) | 0 | — | 3 |');
    expect(run.summary).toContain('| 🟢 ok | `absolute-availability` | availability (prometheus) | 100 | — | 99.5 |');
    const p95 = /\| 🟢 ok \| `absolute-latency-p95` \| latency-p95 \([\w-]+\) \| ([\d.]+) \|/.exec(run.summary);
    expect(Number(p95?.[1])).toBeLessThan(250);
    const rows = checkRows(run.summary);
    expect(rows).toHaveLength(evidence.checks);
    expect(rows.map((row) => row[1])).toEqual(rows.map(() => '✅ healthy'));
  }, 45_000);

  it('fails on an error spike: absolute-error-rate from the PromQL counts, deployment marked failure, step failed', async () => {
    await usePolicy('errors');
    await apps.errors.setFaults({ errorRate: 20 });
    // The watch stops at its first unhealthy check; start it once Prometheus sees the spike clearly above 5 %, so
    // that check judges the spike and not the ramp (availability fires from 1 % errors, the error rate from 5 %).
    await waitUntil('Prometheus sees more than 8 % errors', () => errorRateNow('errors'), (rate) => rate > 8);
    const run = await watch({ duration: '20s', 'on-unhealthy': 'fail' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', 'should-rollback': 'true', 'rollback-result': '', 'deployment-id': String(current) });
    expect(JSON.parse(run.outputs.triggers ?? '')).toEqual(['absolute-error-rate', 'absolute-availability']);
    const errorRate = reasonOf(run, 'absolute-error-rate');
    expect(errorRate).toMatchObject({ severity: 'critical', metric: 'error-rate', source: errorRateSource('errors'), baseline: null, threshold: 5 });
    // Every 5th request fails: the rate from the error and request counts is at most the fault's 20 %.
    expect(errorRate.value).toBeGreaterThan(8);
    expect(errorRate.value).toBeLessThanOrEqual(21);
    // Both come from the same counts.
    expect(reasonOf(run, 'absolute-availability').value).toBeCloseTo(100 - (errorRate.value ?? 0), 6);
    const shown = /The error rate is ([\d.]+) %, above the critical limit of 5 %\./.exec(errorRate.sentence)?.[1];
    expect(Number(shown)).toBeCloseTo(errorRate.value ?? 0, 0);
    expect(seriesOf(evidenceOf(run), 'error-rate')?.at(-1)?.[1]).toBe(errorRate.value);

    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^Unhealthy: The error rate is [\d.]+ %, above the critical limit of 5 %\. The availability is [\d.]+ %, below the critical limit of 99 %\.$/)]);
    expect(scenario().deployment(current).statuses.at(-1)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Health watch: unhealthy — The error rate is [\d.]+ %, above the critical limit of 5 %\./) });
    expect(scenario().repository().deployments).toHaveLength(2);
    expect(scenario().repository().issues).toEqual([]);
    expect(run.summary).toContain('— ❌ unhealthy');
    expect(run.summary).toMatch(/\| 🔴 critical \| `absolute-error-rate` \| error-rate \([\w-]+\) \| [\d.]+ \| — \| 5 \|/);
    expect(checkRows(run.summary).at(-1)?.[1]).toBe('❌ unhealthy');
  }, 60_000);

  it('fails on a latency regression against a baseline captured from the same app before the change', async () => {
    await usePolicy('latency');
    const measured = await watch({ mode: 'baseline', duration: '3s' });
    expect(measured.exitCode).toBe(0);
    const baseline = JSON.parse(measured.outputs.baseline ?? '') as { metrics: Record<string, number>; counts: { requests: number; errors: number } };
    const before = baseline.metrics['latency-p95'] ?? NaN;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(250);
    expect(baseline.metrics['error-rate']).toBe(0);
    expect(baseline.counts.requests).toBeGreaterThan(100);
    expect(measured.summary).toMatch(/^## Baseline · `production` · deployment #\d+/);
    expect(scenario().writes()).toEqual([]);

    // +400 ms: far above 1.5× the baseline, well below the absolute limits (1500 ms warning, 2000 ms critical).
    await apps.latency.setFaults({ latencyMs: 400 });
    await waitUntil('Prometheus sees p95 above 300 ms', async () => (await queryPrometheus(prometheus.url, promql('latency').p95)) ?? 0, (seconds) => seconds > 0.3);
    const run = await watch({ duration: '15s', baseline: measured.outputs.baseline ?? '' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', 'should-rollback': 'true' });
    expect(JSON.parse(run.outputs.triggers ?? '')).toEqual(['p95-vs-baseline']);
    const p95 = reasonOf(run, 'p95-vs-baseline');
    expect(p95).toMatchObject({ severity: 'critical', metric: 'latency-p95', source: promql('latency').p95, baseline: before });
    expect(p95.threshold).toBeCloseTo(1.5 * before, 9);
    expect(p95.value).toBeGreaterThan(300);
    expect(p95.value).toBeLessThan(1500);
    expect(p95.sentence).toMatch(/^The p95 latency is [\d.]+ ms against a baseline of [\d.]+ ms: above 1\.5× baseline \([\d.]+ ms\)\.$/);
    expect(evidenceOf(run).baseline?.metrics['latency-p95']).toBe(before);
    expect(run.summary).toMatch(/\| 🔴 critical \| `p95-vs-baseline` \| latency-p95 \([\w-]+\) \| \d+ \| [\d.]+ \| [\d.]+ \|/);
    expect(scenario().deployment(current).statuses.at(-1)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Health watch: unhealthy — The p95 latency is/) });
  }, 90_000);

  it('fails on memory growth (memory-growth over the 30 s the engine needs), with the fault bounded', async () => {
    await usePolicy('memory');
    // 120 MB/min on a ~60 MB process is far above 20 %/min; the app stops growing at 96 MB.
    await apps.memory.setFaults({ memoryGrowthMbPerMin: 120 });
    const run = await watch({ duration: '50s', interval: '2s' }, 70_000);

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', 'should-rollback': 'true' });
    expect(JSON.parse(run.outputs.triggers ?? '')).toEqual(['memory-growth']);
    const growth = reasonOf(run, 'memory-growth');
    expect(growth).toMatchObject({ severity: 'critical', metric: 'memory-bytes', source: promql('memory').memory, threshold: 20 });
    expect(growth.value).toBeGreaterThan(40);
    expect(growth.sentence).toMatch(/^Memory grew \d+ %\/min over the last 0\.5\d* min \([\d.]+ MiB → [\d.]+ MiB\), above the 20 %\/min leak limit\.$/);
    // Growth is judged from the first check that is at least 30 s after the first one, and there the watch stopped.
    const bytes = seriesOf(evidenceOf(run), 'memory-bytes') ?? [];
    const secondsAfterFirst = bytes.map(([at]) => (Date.parse(at) - Date.parse(bytes[0]?.[0] ?? '')) / 1000);
    expect(secondsAfterFirst.at(-1)).toBeGreaterThanOrEqual(30);
    expect(secondsAfterFirst.at(-2)).toBeLessThan(30);
    expect(bytes).toHaveLength(evidenceOf(run).checks);
    expect((bytes.at(-1)?.[1] ?? 0) - (bytes[0]?.[1] ?? 0)).toBeGreaterThan(30 * 1024 * 1024);
    expect(checkRows(run.summary).slice(0, -1).map((row) => row[1])).not.toContain('❌ unhealthy');
    expect(scenario().deployment(current).statuses.at(-1)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Health watch: unhealthy — Memory grew/) });
  }, 90_000);

  it('holds when Prometheus stops mid-watch: error measurements, inconclusive, no rollback', async () => {
    const { command, marker } = await writeMarkerCommand();
    const queries = async () => {
      const text = await (await fetch(`${doomedPrometheus.url}/metrics`)).text();
      return Number(/^prometheus_http_requests_total\{code="200",handler="\/api\/v1\/query"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const before = await queries();
    // Once two checks' worth of the built-in queries (11 each) have been answered, Prometheus stops under the watch.
    const [watched, stopped] = await Promise.allSettled([
      watch({ 'prometheus-url': doomedPrometheus.url, duration: '8s', 'on-unhealthy': 'rollback', 'rollback-command': command }),
      waitUntil('the watch has queried Prometheus twice', queries, (n) => n >= before + 22, 15_000).finally(() => doomedPrometheus.stop()),
    ]);
    if (stopped.status === 'rejected') throw stopped.reason;
    if (watched.status === 'rejected') throw watched.reason;
    const run = watched.value;

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'inconclusive', triggers: '[]', 'should-rollback': 'false', 'rollback-result': '', 'incident-issue': '' });
    const reasons = evidenceOf(run).reasons;
    expect(reasons.length).toBeGreaterThan(0);
    expect(new Set(reasons.map((r) => `${r.code} ${r.severity}`))).toEqual(new Set(['provider-error hold']));
    expect(reasons.find((r) => r.metric === 'error-rate')?.sentence).toMatch(/^prometheus-url could not be read for error-rate after 3 attempt\(s\) \(.*ECONNREFUSED.*\); holding so far [\d.]+ s\. An unreadable source is never treated as a regression\.$/);
    // The summary shows the watch healthy while Prometheus answered, then holding on errors.
    const rows = checkRows(run.summary);
    expect(rows[0]?.[1]).toBe('✅ healthy');
    expect(rows[1]?.[1]).toBe('✅ healthy');
    expect(rows.at(-1)?.[1]).toBe('❔ inconclusive');
    expect(rows.at(-1)?.slice(2)).toEqual(rows.at(-1)?.slice(2).map(() => 'error'));
    expect(run.summary).toContain('— ❔ inconclusive');
    // Nothing was rolled back, and an inconclusive watch writes nothing on the deployment.
    expect(existsSync(marker)).toBe(false);
    expect(scenario().repository().deployments).toHaveLength(2);
    expect(scenario().repository().issues).toEqual([]);
    expect(scenario().writes()).toEqual([]);
  }, 45_000);

  it('holds without traffic: insufficient-data, inconclusive, no rollback', async () => {
    await usePolicy('idle');
    const { command, marker } = await writeMarkerCommand();
    const run = await watch({ duration: '2s', 'on-unhealthy': 'rollback', 'rollback-command': command });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'inconclusive', triggers: '[]', 'should-rollback': 'false', 'rollback-result': '' });
    expect(reasonOf(run, 'insufficient-data')).toMatchObject({
      severity: 'hold',
      metric: 'error-rate',
      source: errorRateSource('idle'),
      value: null,
      sentence: expect.stringMatching(/^No data for error-rate \(no requests in the last 5s\); holding so far [\d.]+ s\.$/),
    });
    expect(evidenceOf(run).reasons.every((r) => r.severity === 'hold')).toBe(true);
    expect(run.summary).toContain('**Why:** No data for error-rate (no requests in the last 5s); holding so far');
    expect(existsSync(marker)).toBe(false);
    expect(scenario().repository().deployments).toHaveLength(2);
    expect(scenario().repository().issues).toEqual([]);
    expect(scenario().writes()).toEqual([]);
  }, 45_000);

  it('rolls back an unhealthy deployment by itself: rollback deployment, bad one marked, incident with the evidence', async () => {
    await usePolicy('rollback', ['rollback:', '  verify:', '    interval: 1s', '    timeout: 30s', ''].join('\n'));
    // The "redeploy" of this test: switch the app's faults off, run without a shell.
    await writeFile(
      path.join(scenario().workspace, 'clear-faults.mjs'),
      `const response = await fetch(${JSON.stringify(`${apps.rollback.url}/_faults`)}, { method: 'DELETE' });\nif (!response.ok) process.exit(1);\n`,
    );
    await apps.rollback.setFaults({ errorRate: 20, failHealth: true });
    await waitUntil('Prometheus sees more than 8 % errors', () => errorRateNow('rollback'), (rate) => rate > 8);
    const run = await watch({ duration: '20s', 'on-unhealthy': 'rollback', 'rollback-command': 'node clear-faults.mjs', 'health-url': apps.rollback.healthUrl }, 60_000);

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'unhealthy', 'should-rollback': 'true', 'rollback-result': 'rolled-back', 'incident-issue': '1' });
    expect(JSON.parse(run.outputs.triggers ?? '')).toEqual(expect.arrayContaining(['absolute-error-rate']));
    expect(reasonOf(run, 'absolute-error-rate')).toMatchObject({ severity: 'critical', source: errorRateSource('rollback') });
    // The command ran: the app is back to no faults and answers healthy.
    expect(await (await fetch(`${apps.rollback.url}/_faults`)).json()).toEqual({ errorRate: 0, latencyMs: 0, memoryGrowthMbPerMin: 0, failHealth: false, dbErrors: 0 });
    expect((await fetch(apps.rollback.healthUrl)).status).toBe(200);

    const deployments = scenario().repository().deployments;
    expect(deployments).toHaveLength(3);
    const rollback = deployments.at(-1);
    expect(rollback).toMatchObject({ task: 'deploy:rollback', sha: sha('c1'), environment: 'production' });
    expect(rollback?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(rollback?.payload).toMatchObject({ kind: 'rollback', rollback: { trigger: 'automatic', 'from-deployment': current, 'target-deployment': good } });
    expect(rollback?.statuses.at(-1)?.description).toBe(`Restored ${sha('c1').slice(0, 7)} (replacing ${sha('c2').slice(0, 7)}); health verified`);
    expect(scenario().deployment(current).statuses.at(-1)).toMatchObject({
      state: 'failure',
      description: expect.stringMatching(new RegExp(`^Rolled back to ${sha('c1').slice(0, 7)} by deployment #${rollback?.id}: Health watch: The error rate is [\\d.]+ %, above the critical limit of 5 %`)),
    });

    const [issue, ...others] = scenario().repository().issues;
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ number: 1, state: 'open', title: `Incident: rollback of production from ${sha('c2').slice(0, 7)}` });
    expect(issue?.labels).toEqual(expect.arrayContaining(['incident', 'rollback', 'severity:S2']));
    const body = issue?.body ?? '';
    expect(body).toContain('**Result:** `rolled-back`');
    expect(body).toContain('### Evidence');
    const evidence = body.slice(body.indexOf('### Evidence'));
    expect(evidence).toMatch(/\*\*Fired:\*\* The error rate is [\d.]+ %, above the critical limit of 5 %\./);
    expect(evidence).toMatch(/\| 🔴 critical \| `absolute-error-rate` \| error-rate \([\w-]+\) \| [\d.]+ \| — \| 5 \|/);
    expect(evidence).toMatch(/### Checks \(\d+\)/);
    expect(evidence).toMatch(/\| \d\d:\d\d:\d\d \| ❌ unhealthy \|/);
    expect(evidence).toMatch(/```mermaid\nxychart-beta\n {2}title "error-rate \(current, [\w-]+\): series, threshold 5"/);
    expect(run.summary).toContain('— ❌ unhealthy');
  }, 90_000);

  // Two bugs this file found (fixed): every provider is judged on its own readings, and counts of overlapping
  // query windows are not summed twice.

  it('judges every provider that reports a metric (worst of), not only the first one listed', async () => {
    // Prometheus (the policy's provider, listed first) reads the steady app: 0 % errors. The health endpoint (the
    // health-url input) reports the errors app's last minute, in which every request since the fault failed. Two
    // readable sources, one above the 5 % critical limit: the verdict must be unhealthy. The engine's rules read
    // only the first measurement of a metric in a check (latestOf → find), so the watch says healthy; with the
    // first provider unreadable the same lookup hides the second one's value and the verdict is inconclusive.
    // (seriesOf, in turn, mixes both providers' values into one series: the rollback test's chart has two points
    // for its one check.)
    await usePolicy('steady');
    await apps.errors.setFaults({ errorRate: 100 });
    await waitUntil('the errors app reports more than 6 % errors on /health', async () => ((await (await fetch(apps.errors.healthUrl)).json()) as { error_rate: number }).error_rate, (rate) => rate > 6);
    const run = await watch({ duration: '1s', 'on-unhealthy': 'report', 'health-url': apps.errors.healthUrl });

    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(JSON.parse(run.outputs.triggers ?? '')).toContain('absolute-error-rate');
  }, 60_000);

  it('counts each request once in a baseline when the window is longer than the interval', async () => {
    // 40 requests/s; a 5 s window read every 1 s for 3 s covers about 3 + 5 s of traffic, ~320 requests. The
    // baseline sums each check's window counts, so overlapping windows are counted up to 5 times (~550). The
    // inflated count shrinks the zero-error floor of error-rate-vs-baseline (100 / requests), making later watches
    // fire on one or two errors, and the summary says e.g. "554.0985959196339 requests" for 2.4 s at 40/s.
    await usePolicy('steady');
    const run = await watch({ mode: 'baseline', duration: '3s' });
    expect(run.exitCode).toBe(0);
    const baseline = JSON.parse(run.outputs.baseline ?? '') as { 'window-seconds': number; counts: { requests: number } };
    const covered = baseline['window-seconds'] + 5 + 1;
    expect(baseline.counts.requests).toBeLessThan(1.15 * RATE_PER_SECOND * covered);
  }, 45_000);
});
