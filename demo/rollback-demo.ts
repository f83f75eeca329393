// The local demo: a real rollback against the local GitHub and a real app process.
//   1. the local GitHub starts with acme/shop's production history: v1 and v2 were good, v3 is live and bad;
//   2. the sample app runs build v3 on loopback — a faulty build whose /health answers 503;
//   3. the rollback action's bundle runs as the runner runs it: a dry run (workflow_dispatch), then an apply;
//   4. the deployment records, the incident issue and the app's health are printed; a third run is a no-op.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalGitHub } from '../packages/testing/src/local-github';
import { runAction, type ActionRun } from '../packages/testing/src/run-action';
import { workflowDispatchEvent } from '../packages/testing/src/events';
import { sha } from '../packages/testing/src/builders';
import { findFreePort } from '../packages/testing/src/find-free-port';

const root = path.resolve(import.meta.dirname, '..');
const TOKEN = 'demo-token';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const section = (title: string) => console.log(`\n${bold(`━━ ${title} `.padEnd(100, '━'))}`);
const at = (minute: number) => new Date(Date.now() - (120 - minute) * 60_000).toISOString();

async function health(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return `HTTP ${response.status} ${await response.text()}`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}

const versions = { v1: sha('demo v1'), v2: sha('demo v2'), v3: sha('demo v3') };
const github = await startLocalGitHub({
  tokens: [TOKEN],
  seed: {
    repositories: [
      {
        owner: 'acme',
        name: 'shop',
        branches: [
          {
            name: 'main',
            commits: [
              { id: 'v1', sha: versions.v1, message: 'feat: product catalogue', author: { name: 'Ada Lovelace' }, date: at(0) },
              { id: 'v2', sha: versions.v2, message: 'feat: checkout', author: { name: 'Grace Hopper' }, date: at(10) },
              { sha: sha('demo fix'), message: 'fix: price rounding', author: { name: 'Linus' }, date: at(20) },
              { id: 'v3', sha: versions.v3, message: 'feat: new payment provider', author: { name: 'Barbara Liskov' }, date: at(30) },
            ],
          },
        ],
        tags: [{ name: 'v2.0.0', commit: 'v2' }],
        deployments: [
          { commit: 'v1', ref: 'main', environment: 'production', created_at: at(40), statuses: [{ state: 'in_progress', created_at: at(40) }, { state: 'success', created_at: at(42) }] },
          { commit: 'v2', ref: 'main', environment: 'production', created_at: at(60), statuses: [{ state: 'in_progress', created_at: at(60) }, { state: 'success', created_at: at(62) }] },
          { commit: 'v3', ref: 'main', environment: 'production', created_at: at(100), statuses: [{ state: 'in_progress', created_at: at(100) }, { state: 'success', created_at: at(102) }] },
        ],
      },
    ],
  },
});
const stateDir = await mkdtemp(path.join(tmpdir(), 'safe-deploy-demo-'));
const appPort = await findFreePort();
const appEnv = { APP_STATE_DIR: stateDir, APP_PORT: String(appPort) };
const healthUrl = `http://127.0.0.1:${appPort}/health`;

function control(command: 'deploy' | 'stop', version?: string): void {
  const result = spawnSync(process.execPath, [path.join(root, 'sample-app', 'control.mjs'), command], {
    env: { ...process.env, ...appEnv, ...(version ? { APP_VERSION: version } : {}) },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`sample-app ${command} failed: ${result.stderr}`);
}

function rollback(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction('rollback', {
    inputs: { environment: 'production', token: TOKEN, 'rollback-command': 'node sample-app/control.mjs deploy', 'health-url': healthUrl, ...inputs },
    eventName: 'workflow_dispatch',
    event: workflowDispatchEvent({ environment: 'production', reason: inputs.reason ?? '', 'dry-run': inputs['dry-run'] ?? 'true' }),
    workspace: root,
    env: { GITHUB_API_URL: github.url, ...appEnv },
  });
}

function show(run: ActionRun): void {
  console.log(`exit code ${run.exitCode}; outputs ${JSON.stringify(run.outputs)}`);
  console.log(run.summary.split('\n').filter((line) => !line.startsWith('| 20')).slice(0, 30).map((line) => `  │ ${line}`).join('\n'));
}

try {
  section('1. The local GitHub and the live app');
  console.log(`local GitHub: ${github.url} (every request checked against GitHub's OpenAPI description)`);
  await writeFile(path.join(stateDir, 'faulty-versions'), `${versions.v3}\n`);
  control('deploy', versions.v3);
  console.log(`production runs v3 ${versions.v3.slice(0, 7)} on ${healthUrl}: ${await health(healthUrl)}`);

  section('2. Dry run (workflow_dispatch, the default): the plan, nothing written');
  const before = github.requests().filter((r) => r.method !== 'GET').length;
  show(await rollback({ reason: 'v3 fails health checks: payment provider errors' }));
  console.log(`writes to GitHub during the dry run: ${github.requests().filter((r) => r.method !== 'GET').length - before}`);

  section('3. Apply: redeploy the last known good version, verify it, record it, open an incident');
  github.resetLog();
  const applied = await rollback({ reason: 'v3 fails health checks: payment provider errors', 'dry-run': 'false' });
  show(applied);
  console.log(`GitHub requests made by the apply: ${github.requests().length} (${github.requests().filter((r) => r.method !== 'GET').length} writes)`);
  console.log(`the app now: ${await health(healthUrl)}`);

  section('4. The records in GitHub (deployments of production, newest first)');
  const repo = github.state().repositories[0];
  for (const deployment of [...(repo?.deployments ?? [])].reverse()) {
    const history = deployment.statuses.map((s) => s.state).join(' → ');
    console.log(`#${deployment.id} ${deployment.task.padEnd(16)} ${deployment.sha.slice(0, 7)}  ${history}`);
    const last = deployment.statuses.at(-1);
    if (last?.description) console.log(`${' '.repeat(27)}“${last.description}”`);
  }

  section('5. The incident issue');
  const issue = repo?.issues.at(-1);
  console.log(`#${issue?.number} ${issue?.title}\nlabels: ${issue?.labels.join(', ')}\n`);
  console.log(issue?.body?.split('\n').slice(1).map((line) => `  │ ${line}`).join('\n'));

  section('6. Run it again: idempotent');
  github.resetLog();
  const again = await rollback({ reason: 'double-check', 'dry-run': 'false' });
  console.log(`result: ${again.outputs.result}; writes to GitHub: ${github.requests().filter((r) => r.method !== 'GET').length}`);

  const violations = github.violations();
  console.log(`\nOpenAPI violations seen by the local GitHub: ${violations.length}`);
  if (violations.length || applied.outputs.result !== 'rolled-back' || again.outputs.result !== 'noop') process.exitCode = 1;
} finally {
  control('stop');
  await github.close();
  await rm(stateDir, { recursive: true, force: true });
}
