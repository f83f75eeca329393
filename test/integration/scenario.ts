import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalGitHub, type LocalGitHub, type LocalGitHubSeed } from '../../packages/testing/src/local-github';
import { runAction, type ActionRun, type RunActionOptions } from '../../packages/testing/src/run-action';
import { pushEvent, workflowDispatchEvent } from '../../packages/testing/src/events';
import { sha } from '../../packages/testing/src/builders';

export const TOKEN = 'local-test-token';
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** A health endpoint whose answer a test switches. */
export interface HealthServer {
  url: string;
  status: number;
  hits: number;
  /** Answer 503 to the next `count` probes, then `status` again. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** Starts a loopback health endpoint answering `status` (changeable). */
export async function startHealthServer(status = 200): Promise<HealthServer> {
  const state = { status, hits: 0, failing: 0 };
  const server = http.createServer((_req, res) => {
    state.hits++;
    const answer = state.failing > 0 ? 503 : state.status;
    if (state.failing > 0) state.failing--;
    res.writeHead(answer, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: answer === 200 ? 'healthy' : 'unhealthy' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    get hits() {
      return state.hits;
    },
    failNext(count: number) {
      state.failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local GitHub with a seeded repository, a workspace, and a way to run the rollback bundle against them. */
export class Scenario {
  private constructor(
    readonly github: LocalGitHub,
    readonly workspace: string,
  ) {}

  static async start(seed: LocalGitHubSeed): Promise<Scenario> {
    const github = await startLocalGitHub({ seed, tokens: [TOKEN] });
    const workspace = await mkdtemp(path.join(tmpdir(), 'rollback-ws-'));
    return new Scenario(github, workspace);
  }

  /** acme/shop with the production history of `seedShopHistory`. */
  static async startShop(): Promise<{ scenario: Scenario; ids: ShopIds }> {
    const scenario = await Scenario.start(shopRepository());
    return { scenario, ids: seedShopHistory(scenario.github) };
  }

  async close(): Promise<void> {
    await this.github.close();
    await rm(this.workspace, { recursive: true, force: true });
  }

  /** The sha of a seeded commit alias. */
  sha(alias: string): string {
    const found = this.repository().commit_aliases[alias];
    if (!found) throw new Error(`no commit alias ${alias}`);
    return found;
  }

  repository() {
    const repo = this.github.state().repositories.find((r) => r.owner === 'acme' && r.name === 'shop');
    if (!repo) throw new Error('acme/shop not seeded');
    return repo;
  }

  deployment(id: number) {
    const found = this.repository().deployments.find((d) => d.id === id);
    if (!found) throw new Error(`no deployment #${id}`);
    return found;
  }

  /** The state-changing requests the server answered (POST, PATCH, PUT, DELETE). */
  writes(): string[] {
    return this.github.requests().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
  }

  async writePolicy(text: string): Promise<void> {
    await writeFile(path.join(this.workspace, 'deploy-policy.yml'), text);
  }

  /** Runs dist/rollback/index.js as the runner would, for a push (automatic) or workflow_dispatch (manual). */
  run(inputs: Record<string, string>, options: { trigger?: 'automatic' | 'manual'; env?: Record<string, string> } & Pick<RunActionOptions, 'timeoutMs'> = {}): Promise<ActionRun> {
    const manual = options.trigger === 'manual';
    return runAction('rollback', {
      inputs: { token: TOKEN, 'policy-file': 'deploy-policy.yml', 'working-directory': '.', 'dry-run': 'auto', ...inputs },
      eventName: manual ? 'workflow_dispatch' : 'push',
      event: manual ? workflowDispatchEvent({ environment: inputs.environment ?? '', reason: inputs.reason ?? '', 'dry-run': inputs['dry-run'] ?? 'true' }) : pushEvent('0'.repeat(40)),
      workspace: this.workspace,
      env: { GITHUB_API_URL: this.github.url, ...options.env },
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }
}

/** Fails when the local GitHub saw a request or sent a response that GitHub's OpenAPI description rejects. */
export function assertNoOpenApiViolations(github: LocalGitHub): void {
  const violations = github.violations();
  if (violations.length > 0) {
    throw new Error(`OpenAPI violations:\n${violations.map((v) => `${v.kind} ${v.method} ${v.path} → ${v.status ?? ''}: ${v.errors.join('; ')}`).join('\n')}`);
  }
}

const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 9, n)).toISOString();
const ok = (at: number) => [
  { state: 'in_progress' as const, created_at: minute(at) },
  { state: 'success' as const, created_at: minute(at + 1) },
];

/** Ids of the deployments of the shop history, as the local GitHub assigned them. */
export interface ShopIds {
  good: number;
  rolledBackFrom: number;
  failedRollback: number;
  markedBad: number;
  bad: number;
  staging: number;
}

/** acme/shop with commits c1…c5 on main and tag v1.0.0 on c1, without deployments. */
export function shopRepository(): LocalGitHubSeed {
  return {
    repositories: [
      {
        owner: 'acme',
        name: 'shop',
        branches: [
          {
            name: 'main',
            commits: [
              { id: 'c1', sha: sha('c1'), message: 'feat: catalogue', author: { name: 'Ada' }, date: minute(0) },
              { id: 'c2', sha: sha('c2'), message: 'feat: checkout', author: { name: 'Grace' }, date: minute(1) },
              { id: 'c3', sha: sha('c3'), message: 'fix: rounding', author: { name: 'Linus' }, date: minute(2) },
              { id: 'c4', sha: sha('c4'), message: 'feat: new payment provider', author: { name: 'Barbara' }, date: minute(3) },
              { id: 'c5', sha: sha('c5'), message: 'docs: readme', author: { name: 'Ada' }, date: minute(4) },
            ],
          },
        ],
        tags: [{ name: 'v1.0.0', commit: 'c1' }],
      },
    ],
  };
}

/**
 * Seeds this production history, in creation order (deployments are seeded one by one so the rollback
 * deployment's payload can name the real id of the deployment it rolled back from):
 *   good            c1 deploy           in_progress → success (→ inactive, auto_inactive)   ← the last known good
 *   rolledBackFrom  c2 deploy           in_progress → success (→ inactive)                   rolled back from by the next
 *   failedRollback  c1 deploy:rollback  in_progress → failure                                 (never succeeded)
 *   markedBad       c3 deploy           in_progress → success → failure "error rate 7%"       (marked bad)
 *   bad             c4 deploy           in_progress → success                                 ← current, the bad one
 *   staging         c5 deploy to staging, which must not count.
 */
export function seedShopHistory(github: LocalGitHub): ShopIds {
  const add = (deployment: NonNullable<NonNullable<LocalGitHubSeed['repositories']>[number]['deployments']>[number]): number => {
    github.seed({ repositories: [{ owner: 'acme', name: 'shop', deployments: [deployment] }] });
    const deployments = github.state().repositories.find((r) => r.name === 'shop')?.deployments ?? [];
    return Math.max(...deployments.map((d) => d.id));
  };
  const good = add({ commit: 'c1', ref: 'main', environment: 'production', created_at: minute(10), statuses: ok(10) });
  const rolledBackFrom = add({ commit: 'c2', ref: 'main', environment: 'production', created_at: minute(20), statuses: ok(20) });
  const failedRollback = add({
    commit: 'c1',
    ref: 'main',
    task: 'deploy:rollback',
    environment: 'production',
    created_at: minute(25),
    payload: {
      schema: 'safe-deploy/deployment',
      version: 1,
      kind: 'rollback',
      release: { sha: sha('c1'), ref: 'main' },
      rollback: { 'from-deployment': rolledBackFrom, 'from-sha': sha('c2'), reason: 'checkout errors', trigger: 'automatic' },
    },
    statuses: [
      { state: 'in_progress', created_at: minute(25) },
      { state: 'failure', description: 'Rollback failed: health', created_at: minute(26) },
    ],
  });
  const markedBad = add({
    commit: 'c3',
    ref: 'main',
    environment: 'production',
    created_at: minute(30),
    statuses: [...ok(30), { state: 'failure', description: 'error rate 7% after release', created_at: minute(40) }],
  });
  const bad = add({ commit: 'c4', ref: 'main', environment: 'production', created_at: minute(50), statuses: ok(50) });
  const staging = add({ commit: 'c5', ref: 'main', environment: 'staging', created_at: minute(55), statuses: ok(55) });
  return { good, rolledBackFrom, failedRollback, markedBad, bad, staging };
}
