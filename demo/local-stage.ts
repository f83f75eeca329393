// The real parts of a canary deploy on loopback, shared by the demo and the restore-time bench: the local GitHub
// with acme/shop (v1 in production), the sample app's stable and canary slots driven by sample-app/control.mjs,
// a private nginx in front of them, Prometheus scraping both slots every second, bounded load through nginx, and
// the progressive-deploy bundle run as the runner runs it. `close()` stops everything it started.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startLocalGitHub, type LocalGitHub } from '../packages/testing/src/local-github';
import { runAction, type ActionRun } from '../packages/testing/src/run-action';
import { pushEvent } from '../packages/testing/src/events';
import { sha } from '../packages/testing/src/builders';
import { findFreePort } from '../packages/testing/src/find-free-port';
import { queryPrometheus } from '../test/e2e/support/query-prometheus';
import { generateLoad, type LoadRun } from '../test/support/generate-load';
import { nginxAvailable, startNginx, type LocalNginx } from '../test/support/start-nginx';
import { startPrometheus, type LocalPrometheus } from '../test/support/start-prometheus';

const root = path.resolve(import.meta.dirname, '..');
const CONTROL = path.join(root, 'sample-app', 'control.mjs');
const TOKEN = 'demo-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The releases of acme/shop: v1 is live; v2 and v3 are to ship. */
export const VERSIONS = { v1: sha('demo v1'), v2: sha('demo v2'), v3: sha('demo v3') };
type Slot = 'stable' | 'canary';

/** The stage, running. */
export interface LocalStage {
  github: LocalGitHub;
  nginx: LocalNginx;
  prometheus: LocalPrometheus;
  /** Writes the policy: 4 stages through this nginx, smoke checks on the canary slot, `canary` options merged in. */
  writePolicy(canary?: Record<string, unknown>): Promise<void>;
  /** The sample app build `version` starts with these faults when deployed (e.g. `{ APP_ERROR_RATE: '30' }`). */
  setFaults(version: string, faults: Record<string, string>): Promise<void>;
  /** (Re)starts bounded load through nginx and lets stable's windows fill. */
  startLoad(ratePerSecond?: number): Promise<void>;
  deploy(version: string, inputs?: Record<string, string>): Promise<ActionRun>;
  /** Which release answered `count` requests through nginx, e.g. `50 × v2`. */
  served(count?: number): Promise<string>;
  close(): Promise<void>;
}

/** Installs nginx and Prometheus from Debian's packages when missing, or exits with the command to run. */
export function ensureTools(): void {
  const prometheus = spawnSync('sh', ['-c', 'command -v prometheus || test -x /usr/bin/prometheus'], { encoding: 'utf8' }).status === 0;
  if (nginxAvailable() && prometheus) return;
  console.log("nginx or Prometheus is missing: installing them from Debian's packages (scripts/install-test-deps.sh)…");
  const install = spawnSync('bash', [path.join(root, 'scripts', 'install-test-deps.sh')], { stdio: 'inherit' });
  if (install.status !== 0 || !nginxAvailable()) {
    console.error("This needs nginx and Prometheus from Debian's packages and could not install them. Run `sudo apt-get install -y nginx prometheus` (or `npm run setup:e2e` as root) and try again.");
    process.exit(1);
  }
}

/** Starts every part; on a failure half-way, stops what already runs and rethrows. */
export async function startLocalStage(): Promise<LocalStage> {
  const work = await mkdtemp(path.join(tmpdir(), 'safe-deploy-stage-'));
  const slots = { stable: { dir: path.join(work, 'stable'), port: await findFreePort() }, canary: { dir: path.join(work, 'canary'), port: await findFreePort() } };
  await Promise.all([mkdir(slots.stable.dir), mkdir(slots.canary.dir)]);
  const slotArgs = (slot: Slot) => `--state-dir ${slots[slot].dir} --port ${slots[slot].port} --track ${slot}`;
  const control = (command: 'deploy' | 'stop', slot: Slot, version?: string) => {
    const result = spawnSync(process.execPath, [CONTROL, command, ...slotArgs(slot).split(' ')], { env: { ...process.env, ...(version ? { TARGET_SHA: version } : {}) }, encoding: 'utf8' });
    if (result.status !== 0 && command === 'deploy') throw new Error(`sample-app ${command} ${slot} failed: ${result.stderr}`);
  };
  const faults = new Map<string, Record<string, string>>();
  let load: LoadRun | undefined;
  let github: LocalGitHub | undefined;
  let nginx: LocalNginx | undefined;
  let prometheus: LocalPrometheus | undefined;
  const close = async () => {
    await load?.stop();
    control('stop', 'canary');
    control('stop', 'stable');
    await Promise.allSettled([prometheus?.close(), nginx?.close(), github?.close()]);
    await rm(work, { recursive: true, force: true });
  };
  try {
    github = await startLocalGitHub({
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
                  { id: 'v1', sha: VERSIONS.v1, message: 'feat: product catalogue', author: { name: 'Ada Lovelace' }, date: daysAgo(5) },
                  { id: 'v2', sha: VERSIONS.v2, message: 'feat: faster checkout', author: { name: 'Grace Hopper' }, date: daysAgo(1) },
                  { id: 'v3', sha: VERSIONS.v3, message: 'feat: new payment provider', author: { name: 'Barbara Liskov' }, date: daysAgo(0.1) },
                ],
              },
            ],
            deployments: [{ commit: 'v1', ref: 'main', environment: 'production', created_at: daysAgo(4), statuses: [{ state: 'in_progress', created_at: daysAgo(4) }, { state: 'success', created_at: daysAgo(4) }] }],
          },
        ],
      },
    });
    control('deploy', 'stable', VERSIONS.v1);
    nginx = await startNginx({ stable: `127.0.0.1:${slots.stable.port}`, canary: `127.0.0.1:${slots.canary.port}` });
    prometheus = await startPrometheus({ targets: [{ url: `http://127.0.0.1:${slots.stable.port}/metrics`, job: 'shop-stable' }, { url: `http://127.0.0.1:${slots.canary.port}/metrics`, job: 'shop-canary' }], waitForTargets: false });
    // The canary slot is empty until a deploy fills it; stable must be scraped before the first baseline is taken.
    for (let waited = 0; (await queryPrometheus(prometheus.url, 'up{job="shop-stable"}')) !== 1; waited += 250) {
      if (waited > 30_000) throw new Error('Prometheus never scraped the stable app');
      await sleep(250);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const parts = { github, nginx, prometheus };
  return {
    ...parts,
    async writePolicy(canary = {}) {
      await writeFile(
        path.join(work, 'deploy-policy.yml'),
        stringify({
          canary: {
            stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '6s' })),
            'check-interval': '3s',
            'control-interval': '3s',
            'smoke-checks': { urls: [`http://127.0.0.1:${slots.canary.port}/health`], timeout: '15s', interval: '0.5s' },
            router: parts.nginx.routerConfig(),
            ...canary,
          },
          health: { 'minimum-requests': 20 },
        }),
      );
    },
    async setFaults(version, values) {
      faults.set(version, values);
      const lines = [...faults].map(([v, f]) => `${v} ${Object.entries(f).map(([k, x]) => `${k}=${x}`).join(' ')}`);
      await writeFile(path.join(slots.canary.dir, 'faulty-versions'), `${lines.join('\n')}\n`);
    },
    async startLoad(ratePerSecond = 80) {
      await load?.stop();
      load = generateLoad({ url: `${parts.nginx.url}/shop`, ratePerSecond, durationSeconds: 110 });
      await sleep(5000);
    },
    deploy(version, inputs = {}) {
      return runAction('progressive-deploy', {
        inputs: {
          environment: 'production',
          token: TOKEN,
          'policy-file': 'deploy-policy.yml',
          'deploy-command': `node ${CONTROL} deploy ${slotArgs('canary')}`,
          'promote-command': `node ${CONTROL} deploy ${slotArgs('stable')}`,
          'rollback-command': `node ${CONTROL} stop ${slotArgs('canary')}`,
          'prometheus-url': parts.prometheus.url,
          'health-url': `${parts.nginx.url}/health`,
          'environment-url': `${parts.nginx.url}/`,
          ...inputs,
        },
        event: pushEvent(version),
        workspace: work,
        env: { GITHUB_API_URL: parts.github.url, GITHUB_SHA: version },
        timeoutMs: 300_000,
      });
    },
    async served(count = 50) {
      const seen: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const response = await fetch(`${parts.nginx.url}/shop`);
        await response.arrayBuffer();
        const version = Object.entries(VERSIONS).find(([, v]) => v === response.headers.get('x-app-version'))?.[0] ?? '?';
        seen[version] = (seen[version] ?? 0) + 1;
      }
      return Object.entries(seen).map(([v, n]) => `${n} × ${v}`).join(', ');
    },
    close,
  };
}
