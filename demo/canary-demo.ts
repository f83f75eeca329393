// The local demo, the README's main command: a canary deploy in stages through a real nginx, judged from a real
// Prometheus, recorded in the local GitHub — a good release promoted, then a bad one rolled back by itself.
//   1. nginx and Prometheus from Debian's packages (installed if missing), the local GitHub with acme/shop,
//      the sample app's v1 as stable behind nginx, bounded load through nginx;
//   2. the progressive-deploy bundle, run as the runner runs it, ships v2 in stages (5 → 25 → 50 → 100 %) and
//      promotes it (its promote-command makes v2 the stable slot);
//   3. it ships v3 — a build that fails 30 % of its requests — inside v2's observation window (with an override
//      reason), sees it fail at 5 %, puts all traffic back on v2 and rolls back, with an incident;
//   4. it prints the stage timelines, the deployment records and the incident, and stops everything it started.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startLocalGitHub } from '../packages/testing/src/local-github';
import { runAction, type ActionRun } from '../packages/testing/src/run-action';
import { pushEvent } from '../packages/testing/src/events';
import { sha } from '../packages/testing/src/builders';
import { findFreePort } from '../packages/testing/src/find-free-port';
import { generateLoad, type LoadRun } from '../test/support/generate-load';
import { nginxAvailable, startNginx, type LocalNginx } from '../test/support/start-nginx';
import { startPrometheus, type LocalPrometheus } from '../test/support/start-prometheus';
import { queryPrometheus } from '../test/e2e/support/query-prometheus';

const root = path.resolve(import.meta.dirname, '..');
const CONTROL = path.join(root, 'sample-app', 'control.mjs');
const TOKEN = 'demo-token';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const section = (title: string) => console.log(`\n${bold(`━━ ${title} `.padEnd(100, '━'))}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function ensureTools(): void {
  const prometheus = spawnSync('sh', ['-c', 'command -v prometheus || test -x /usr/bin/prometheus'], { encoding: 'utf8' }).status === 0;
  if (nginxAvailable() && prometheus) return;
  console.log('nginx or Prometheus is missing: installing them from Debian\'s packages (scripts/install-test-deps.sh)…');
  const install = spawnSync('bash', [path.join(root, 'scripts', 'install-test-deps.sh')], { stdio: 'inherit' });
  if (install.status !== 0 || !nginxAvailable()) {
    console.error('The demo needs nginx and Prometheus from Debian\'s packages and could not install them. Run `sudo apt-get install -y nginx prometheus` (or `npm run setup:e2e` as root) and try again.');
    process.exit(1);
  }
}

ensureTools();
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
              { id: 'v1', sha: versions.v1, message: 'feat: product catalogue', author: { name: 'Ada Lovelace' }, date: daysAgo(5) },
              { id: 'v2', sha: versions.v2, message: 'feat: faster checkout', author: { name: 'Grace Hopper' }, date: daysAgo(1) },
              { id: 'v3', sha: versions.v3, message: 'feat: new payment provider', author: { name: 'Barbara Liskov' }, date: daysAgo(0.1) },
            ],
          },
        ],
        deployments: [{ commit: 'v1', ref: 'main', environment: 'production', created_at: daysAgo(4), statuses: [{ state: 'in_progress', created_at: daysAgo(4) }, { state: 'success', created_at: daysAgo(4) }] }],
      },
    ],
  },
});
const work = await mkdtemp(path.join(tmpdir(), 'safe-deploy-demo-'));
const slots = { stable: { dir: path.join(work, 'stable'), port: await findFreePort() }, canary: { dir: path.join(work, 'canary'), port: await findFreePort() } };
const slotArgs = (slot: 'stable' | 'canary') => `--state-dir ${slots[slot].dir} --port ${slots[slot].port} --track ${slot}`;
let nginx: LocalNginx | undefined;
let prometheus: LocalPrometheus | undefined;
let load: LoadRun | undefined;

function control(command: 'deploy' | 'stop', slot: 'stable' | 'canary', version?: string): void {
  const result = spawnSync(process.execPath, [CONTROL, command, ...slotArgs(slot).split(' ')], { env: { ...process.env, ...(version ? { TARGET_SHA: version } : {}) }, encoding: 'utf8' });
  if (result.status !== 0 && command === 'deploy') throw new Error(`sample-app ${command} ${slot} failed: ${result.stderr}`);
}

function deploy(version: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('progressive-deploy', {
    inputs: {
      environment: 'production',
      token: TOKEN,
      'policy-file': 'deploy-policy.yml',
      'deploy-command': `node ${CONTROL} deploy ${slotArgs('canary')}`,
      'promote-command': `node ${CONTROL} deploy ${slotArgs('stable')}`,
      'rollback-command': `node ${CONTROL} stop ${slotArgs('canary')}`,
      'prometheus-url': prometheus?.url ?? '',
      'health-url': `${nginx?.url}/health`,
      'environment-url': `${nginx?.url}/`,
      ...extra,
    },
    event: pushEvent(version),
    workspace: work,
    env: { GITHUB_API_URL: github.url, GITHUB_SHA: version },
    timeoutMs: 180_000,
  });
}

/** The action's log as a person reads it: its own lines, without the runner's workflow commands. */
function showLog(run: ActionRun): void {
  for (const line of run.stdout.split('\n')) {
    if (!line.trim() || line.startsWith('::add-mask::') || line.startsWith('::save-state')) continue;
    console.log(`  │ ${line.replace(/^::(error|warning)::/, (_m, level: string) => `${level.toUpperCase()}: `).replace(/%0A/g, ' ').replace(/%25/g, '%')}`);
  }
  console.log(`  └ exit code ${run.exitCode}; outputs ${JSON.stringify(run.outputs)}`);
}

/** Which version answered `count` requests through nginx. */
async function served(count = 50): Promise<string> {
  const versionsSeen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${nginx?.url}/shop`);
    await response.arrayBuffer();
    const version = Object.entries(versions).find(([, v]) => v === response.headers.get('x-app-version'))?.[0] ?? '?';
    versionsSeen[version] = (versionsSeen[version] ?? 0) + 1;
  }
  return Object.entries(versionsSeen).map(([v, n]) => `${n} × ${v}`).join(', ');
}

async function startLoad(): Promise<void> {
  await load?.stop();
  load = generateLoad({ url: `${nginx?.url}/shop`, ratePerSecond: 80, durationSeconds: 110 });
  await sleep(5000);
}

let failed = false;
try {
  section('1. Real parts on loopback');
  await Promise.all([mkdir(slots.stable.dir), mkdir(slots.canary.dir)]);
  control('deploy', 'stable', versions.v1);
  nginx = await startNginx({ stable: `127.0.0.1:${slots.stable.port}`, canary: `127.0.0.1:${slots.canary.port}` });
  prometheus = await startPrometheus({ targets: [{ url: `http://127.0.0.1:${slots.stable.port}/metrics`, job: 'shop-stable' }, { url: `http://127.0.0.1:${slots.canary.port}/metrics`, job: 'shop-canary' }], waitForTargets: false });
  await writeFile(path.join(slots.canary.dir, 'faulty-versions'), `${versions.v3} APP_ERROR_RATE=30\n`);
  await writeFile(
    path.join(work, 'deploy-policy.yml'),
    stringify({
      canary: {
        stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '6s' })),
        'check-interval': '3s',
        'control-interval': '3s',
        'smoke-checks': { urls: [`http://127.0.0.1:${slots.canary.port}/health`], timeout: '15s', interval: '0.5s' },
        router: nginx.routerConfig(),
      },
      health: { 'minimum-requests': 20 },
    }),
  );
  console.log(`local GitHub  ${github.url} (every request checked against GitHub's OpenAPI description)`);
  console.log(`nginx         ${nginx.url} → stable 127.0.0.1:${slots.stable.port} (v1) / canary 127.0.0.1:${slots.canary.port}`);
  console.log(`Prometheus    ${prometheus.url} scraping both every second`);
  console.log(`policy        4 stages 5/25/50/100 %, 6 s each, a check every 3 s (the defaults are 10/10/10/30 min, every minute)`);
  // The canary slot is empty until a deploy fills it; stable must be scraped before the first baseline is taken.
  for (let waited = 0; (await queryPrometheus(prometheus.url, 'up{job="shop-stable"}')) !== 1; waited += 250) {
    if (waited > 30_000) throw new Error('Prometheus never scraped the stable app');
    await sleep(250);
  }
  await startLoad();
  console.log(`load          80 requests/s through nginx; now served: ${await served()}`);

  section('2. Ship v2: a good release, promoted stage by stage');
  const good = await deploy(versions.v2);
  showLog(good);
  console.log(`nginx serves now: ${await served()}`);

  section('3. Ship v3 right after (override of v2\'s 48 h observation window): it fails 30 % of requests');
  await startLoad();
  const bad = await deploy(versions.v3, { override: 'demo: ship v3 right after v2' });
  showLog(bad);
  console.log(`nginx serves now: ${await served()}`);

  section('4. The records in GitHub (deployments of production, oldest first)');
  const repo = github.state().repositories[0];
  for (const deployment of repo?.deployments ?? []) {
    const name = Object.entries(versions).find(([, v]) => v === deployment.sha)?.[0] ?? '?';
    console.log(`#${deployment.id} ${deployment.task.padEnd(16)} ${name} ${deployment.sha.slice(0, 7)}`);
    for (const status of deployment.statuses) console.log(`${' '.repeat(10)}${status.state.padEnd(12)} ${status.description}`);
  }

  section('5. The incident issue');
  const issue = repo?.issues.at(-1);
  console.log(`#${issue?.number} ${issue?.title}\nlabels: ${issue?.labels.join(', ')}\n`);
  console.log(issue?.body?.split('\n').slice(1, 60).map((line) => `  │ ${line}`).join('\n'));

  const violations = github.violations();
  console.log(`\nOpenAPI violations seen by the local GitHub: ${violations.length}`);
  failed = violations.length > 0 || good.outputs.result !== 'promoted' || bad.outputs.result !== 'rolled-back';
  console.log(failed ? '\nThe demo did not go as described (see above).' : `\nv2 was promoted; v3 was rolled back ${bad.outputs['seconds-to-restore']} s after it first took traffic. Everything started is stopped now.`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await load?.stop();
  control('stop', 'canary');
  control('stop', 'stable');
  await Promise.allSettled([prometheus?.close(), nginx?.close(), github.close()]);
  await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
