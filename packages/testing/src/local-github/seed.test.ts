import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeedFile, startLocalGitHub, type LocalGitHub, type OpenApiViolation } from './index';
import { closeAndReport, octokitFor, SHOP_SEED, steppingClock } from './test-fixtures';

const EXAMPLE = fileURLToPath(new URL('./example-seed.yml', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const started: LocalGitHub[] = [];

async function start(options: Parameters<typeof startLocalGitHub>[0]): Promise<LocalGitHub> {
  const server = await startLocalGitHub(options);
  started.push(server);
  return server;
}

afterAll(async () => {
  const violations: OpenApiViolation[] = [];
  for (const server of started) violations.push(...await closeAndReport(server));
  expect(violations).toEqual([]);
});

describe('seeds', () => {
  it('derives the same shas on every run, whatever the clock', async () => {
    const a = await start({ seed: SHOP_SEED, now: steppingClock() });
    const b = await start({ seed: SHOP_SEED, now: () => new Date() });
    const shas = (server: LocalGitHub) => server.state().repositories[0]?.commits.map((commit) => commit.sha);
    expect(shas(a)).toEqual(shas(b));
    expect(shas(a)?.every((sha) => /^[0-9a-f]{40}$/.test(sha))).toBe(true);
  });

  it('replays the example history with auto_inactive applied as live', async () => {
    const server = await start({ seed: await readSeedFile(EXAMPLE) });
    const { data } = await octokitFor(server).rest.repos.listDeployments({ owner: 'acme', repo: 'shop', environment: 'production' });
    const latest = server.state().repositories[0]?.deployments.map((d) => [(d.payload as { version: string }).version, d.statuses.at(-1)?.state]);
    expect(latest).toEqual([['1.0.0', 'inactive'], ['2.0.0', 'success'], ['3.0.0', 'failure']]);
    expect(data.map((d) => d.created_at)).toEqual(['2024-05-05T10:00:00Z', '2024-05-04T10:00:00Z', '2024-05-02T10:00:00Z']);
  });

  it.each([
    [{ repositories: [{ owner: 'a', name: 'b', deployments: [{ environment: 'x' }] }] }, /repositories\.0\.deployments\.0: needs `commit`/],
    [{ repositories: [{ owner: 'a', name: 'b', deployments: [{ commit: 'v9' }] }] }, /repositories\.0\.deployments\.0\.commit: "v9" is not a commit alias/],
    [{ repositories: [{ owner: 'a', name: 'b', colour: 'red' }] }, /repositories\.0: Unrecognized key.*colour/],
  ])('rejects a bad seed naming the entry (%#)', async (seed, message) => {
    const server = await start({});
    expect(() => server.seed(seed as never)).toThrow(message);
  });
});

describe('control endpoints', () => {
  it('seeds, injects and clears faults, and dumps state over HTTP', async () => {
    const server = await start({});
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('/_local/seed', SHOP_SEED)).status).toBe(201);
    expect((await post('/_local/faults', { kind: 'status', status: 503 })).status).toBe(201);
    expect((await post('/_local/faults', { kind: 'nope' })).status).toBe(400);
    const octokit = octokitFor(server);
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'shop' })).rejects.toMatchObject({ status: 503 });
    await post('/_local/faults', { kind: 'status', status: 500 });
    expect((await fetch(`${server.url}/_local/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await octokit.rest.repos.get({ owner: 'acme', repo: 'shop' })).status).toBe(200);
    const state = await (await fetch(`${server.url}/_local/state`)).json() as { repositories: { name: string }[] };
    expect(state.repositories.map((r) => r.name)).toEqual(['shop']);
    const requests = await (await fetch(`${server.url}/_local/requests`)).json() as { status: number }[];
    expect(requests.map((r) => r.status)).toEqual([503, 200]);
  });
});

describe('cli', () => {
  it('prints its URL, serves the seed and dumps state on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-github-'));
    const dump = join(dir, 'state.json');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--seed', EXAMPLE, '--dump-on-exit', dump], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
    });
    expect(line).toMatch(/^local GitHub listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('local GitHub listening on ', '');
    const response = await fetch(`${url}/repos/acme/shop`, { headers: { authorization: 'token t' } });
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const state = JSON.parse(readFileSync(dump, 'utf8')) as { repositories: { deployments: unknown[] }[] };
    expect(state.repositories[0]?.deployments).toHaveLength(3);
    rmSync(dir, { recursive: true, force: true });
  }, 20_000);
});
