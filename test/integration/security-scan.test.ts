import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtureGenerator } from '../../packages/core/src/security/secrets/secret-fixtures.test-support';
import { runAction, type ActionRun } from '../../packages/testing/src/run-action';
import { validateSarif } from '../../packages/testing/src/validate-sarif';

// The bundle as the runner runs it, over a real git repository built here. Credential-shaped strings are generated
// now (never committed); every output file and stream is searched for them afterwards. Dependencies are checked
// against an offline OSV database of real GHSA records (the npm mirror these machines reach answers 405 to npm's
// advisory endpoint, and api.osv.dev is not reachable).
const OSV_DIR = path.resolve(import.meta.dirname, '..', '..', 'packages', 'adapters', 'src', 'advisories', 'fixtures', 'ghsa');
const g = fixtureGenerator(4242);
const ghToken = g.checksummed(['gh', 'p_'].join(''));
const awsKey = ['AK', 'IA'].join('') + g.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
const removedToken = g.checksummed(['gh', 'p_'].join(''));
const historyToken = g.checksummed(['np', 'm_'].join(''));
const SECRETS = [ghToken, awsKey, removedToken, historyToken];

let repo: string;
const commits: Record<'base' | 'head' | 'cleanup', string> = { base: '', head: '', cleanup: '' };
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();

const lockfile = (deps: Record<string, string>) =>
  `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop', version: '1.0.0', dependencies: deps }, ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v, resolved: `https://registry.npmjs.org/${n}/-/${n}-${v}.tgz` }])) } }, null, 2)}\n`;

async function write(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), text);
  }
}

async function commit(files: Record<string, string>, message: string, remove: string[] = []): Promise<string> {
  await write(files);
  for (const name of remove) await rm(path.join(repo, name));
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'security-scan-it-'));
  git('init', '-q', '-b', 'main');
  commits.base = await commit(
    {
      'src/app.js': "const express = require('express');\nconst app = express();\nmodule.exports = app;\n",
      'src/legacy.js': `// an old token the pull request removes\nconst token = '${removedToken}';\n`,
      'package-lock.json': lockfile({ lodash: '4.17.15' }),
      '.gitignore': 'safe-deploy-security.*\n',
    },
    'base',
  );
  commits.head = await commit(
    {
      'src/config.js': `module.exports = {\n  github: '${ghToken}',\n  aws: '${awsKey}',\n};\n`,
      'src/run.js': "const { exec } = require('child_process');\nfunction list(req, res) {\n  const dir = req.query.dir;\n  exec(`ls ${dir}`, (err, out) => res.send(out));\n}\nmodule.exports = list;\n",
      'migrations/002_drop_users.sql': '-- users moved to the accounts service\nDROP TABLE users;\n',
      'package-lock.json': lockfile({ lodash: '4.17.15', minimist: '1.2.0' }),
      'src/legacy.js': '// token removed\n',
    },
    'head',
  );
  commits.cleanup = await commit({ 'notes.txt': `npm token for the demo: ${historyToken}\n` }, 'oops');
  commits.cleanup = await commit({}, 'remove the token', ['notes.txt']);
  // Untracked files the tree scan must list as not scanned rather than pass over silently.
  await writeFile(path.join(repo, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  await writeFile(path.join(repo, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  await symlink('/etc/hostname', path.join(repo, 'outside'));
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function scan(inputs: Record<string, string>, options: { eventName?: string; event?: Record<string, unknown> } = {}): Promise<ActionRun & { sarif: unknown; report: Record<string, unknown> | undefined; files: string }> {
  await rm(path.join(repo, 'safe-deploy-security.sarif'), { force: true });
  await rm(path.join(repo, 'safe-deploy-security.json'), { force: true });
  const run = await runAction('security-scan', { inputs: { advisories: `osv-dir=${OSV_DIR}`, ...inputs }, workspace: repo, eventName: options.eventName ?? 'workflow_dispatch', event: options.event ?? {}, timeoutMs: 90_000 });
  const sarifText = await readFile(path.join(repo, 'safe-deploy-security.sarif'), 'utf8').catch(() => '');
  const reportText = await readFile(path.join(repo, 'safe-deploy-security.json'), 'utf8').catch(() => '');
  return { ...run, sarif: sarifText ? JSON.parse(sarifText) : undefined, report: reportText ? (JSON.parse(reportText) as Record<string, unknown>) : undefined, files: sarifText + reportText };
}

function expectNoSecretAnywhere(run: ActionRun & { files: string }): void {
  const everything = [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), run.files].join('\n');
  for (const secret of SECRETS) expect(everything.includes(secret)).toBe(false);
}

type ReportFinding = { category: string; ruleId: string; path: string; line: number; status: string; redacted?: string; commit?: string; package?: string };

describe('security-scan bundle', () => {
  it('tree mode: finds every kind, blocks, writes valid SARIF and a report, annotates, and never shows a secret', async () => {
    const run = await scan({ mode: 'tree' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.blocked).toBe('true');
    const findings = (run.report?.findings ?? []) as ReportFinding[];
    const kinds = findings.map((f) => `${f.category}:${f.ruleId}:${f.path}:${f.line}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'secret:github-pat:src/config.js:2',
        'secret:aws-access-key-id:src/config.js:3',
        'dangerous-pattern:sql-destructive-migration:migrations/002_drop_users.sql:2',
        'input-flow:flow-shell-injection:src/run.js:4',
      ]),
    );
    const vulnerable = findings.filter((f) => f.category === 'vulnerable-dependency').map((f) => f.package);
    expect(vulnerable).toEqual(expect.arrayContaining(['lodash@4.17.15', 'minimist@1.2.0']));
    expect(findings.find((f) => f.ruleId === 'github-pat')?.redacted).toMatch(/^ghp_…\(40\)$/);

    expect(validateSarif(run.sarif)).toEqual([]);
    const runs = (run.sarif as { runs: { automationDetails: { id: string }; results: { partialFingerprints: Record<string, string> }[] }[] }).runs;
    expect(runs.map((r) => r.automationDetails.id)).toEqual(['safe-deploy/secret/', 'safe-deploy/dangerous-pattern/', 'safe-deploy/input-flow/', 'safe-deploy/vulnerable-dependency/']);
    expect(runs.every((r) => r.results.every((res) => /^[0-9a-f]{64}$/.test(res.partialFingerprints['safeDeployFindingHash/v1'] ?? '')))).toBe(true);

    const counts = JSON.parse(run.outputs.findings ?? '{}') as Record<string, Record<string, number> | number>;
    expect(counts.secret).toEqual({ critical: 2, high: 0, medium: 0, low: 0 });
    expect(counts.total).toBe(findings.length);
    expect(JSON.parse(run.outputs.verdict ?? '{}')).toMatchObject({ verdict: 'block', vulnerabilities: expect.arrayContaining([expect.objectContaining({ package: 'lodash@4.17.15' })]) });
    expect(run.outputs['sarif-file']).toBe('safe-deploy-security.sarif');
    expect(run.summary).toContain('## ⛔ Security scan: block');
    expect(run.summary).toMatch(/\| Secrets \| 2 \| 0 \| 0 \| 0 \| 2 \| 0 \|/);
    expect(run.summary).toMatch(/### Not scanned \(3 files: 1 invalid-utf8, 1 binary, 1 symlink-outside\)/);
    expect((run.report?.skipped as { path: string }[]).map((s) => s.path).sort()).toEqual(['latin1.txt', 'logo.png', 'outside']);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors.find((a) => a.properties.file === 'src/config.js')?.properties.line).toBe('2');
    expect(errors.at(-1)?.message).toMatch(/^Security scan blocked: /);
    expectNoSecretAnywhere(run);
  });

  it('pull request: only the lines it adds — the removed token never blocks — and only the packages it adds', async () => {
    const run = await scan({}, { eventName: 'pull_request', event: { pull_request: { base: { sha: commits.base }, head: { sha: commits.head } } } });
    expect(run.exitCode).toBe(1);
    const findings = (run.report?.findings ?? []) as ReportFinding[];
    expect(findings.some((f) => f.path === 'src/legacy.js')).toBe(false);
    expect([...new Set(findings.filter((f) => f.category === 'vulnerable-dependency').map((f) => f.package))]).toEqual(['minimist@1.2.0']);
    expect(findings.filter((f) => f.category === 'secret').map((f) => f.path)).toEqual(['src/config.js', 'src/config.js']);
    expect(run.report?.coverage).toMatchObject({ mode: 'diff', base: commits.base, head: commits.head });
    expect(run.stdout).toContain('a pull request: only the lines it adds');
    expectNoSecretAnywhere(run);
  });

  it('a baseline accepts what exists; only new findings block afterwards', async () => {
    const written = await scan({ mode: 'tree', 'write-baseline': '.github/security-baseline.json', 'fail-on': 'never' });
    expect(written.exitCode).toBe(0);
    const baseline = await readFile(path.join(repo, '.github', 'security-baseline.json'), 'utf8');
    for (const secret of SECRETS) expect(baseline.includes(secret)).toBe(false);
    const accepted = await scan({ mode: 'tree' });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.outputs.blocked).toBe('false');
    expect(JSON.parse(accepted.outputs.verdict ?? '{}').verdict).toBe('pass');
    const extra = g.checksummed(['gh', 'p_'].join(''));
    SECRETS.push(extra);
    await write({ 'src/new.js': `export const t = '${extra}';\n` });
    const fresh = await scan({ mode: 'tree' });
    expect(fresh.exitCode).toBe(1);
    expect(((fresh.report?.findings ?? []) as ReportFinding[]).filter((f) => f.status === 'blocking').map((f) => f.path)).toEqual(['src/new.js']);
    expectNoSecretAnywhere(fresh);
    await rm(path.join(repo, 'src', 'new.js'));
    await write({ '.github/security-baseline.json': '{"schema": "safe-deploy/security-baseline", "version": 1, "findings": [{"fingerprint": "nope"}]}' });
    const corrupt = await scan({ mode: 'tree', 'fail-on': 'never' });
    expect(corrupt.exitCode).toBe(0);
    expect(corrupt.summary).toMatch(/baseline.*\.github\/security-baseline\.json cannot be used — findings\.0\.fingerprint/);
    expect(JSON.parse(corrupt.outputs.findings ?? '{}').baselined).toBe(0);
    await rm(path.join(repo, '.github'), { recursive: true, force: true });
  });

  it('history mode finds a token a later commit deleted, with the commit that added it', async () => {
    const run = await scan({ mode: 'history', base: commits.head, scanners: 'secrets' });
    expect(run.exitCode).toBe(1);
    const findings = (run.report?.findings ?? []) as ReportFinding[];
    expect(findings.map((f) => [f.ruleId, f.path, f.line])).toEqual([['npm-token', 'notes.txt', 1]]);
    expect(findings[0]?.commit).toBe(git('rev-parse', 'HEAD~1'));
    expectNoSecretAnywhere(run);
  });

  it('an advisory source that never answers makes the scan incomplete: blocks by default, warns when told', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const blocked = await scan({ mode: 'tree', scanners: 'dependencies', advisories: `osv-api=${url}` });
      expect(blocked.exitCode).toBe(1);
      expect(blocked.summary).toMatch(/dependencies \(incomplete\)/);
      const warned = await scan({ mode: 'tree', scanners: 'dependencies', advisories: `osv-api=${url}`, 'fail-on-incomplete': 'false' });
      expect(warned.exitCode).toBe(0);
      expect(JSON.parse(warned.outputs.verdict ?? '{}').verdict).toBe('warn');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it.each([
    ['an unknown severity', { 'fail-on': 'severe' }, /input 'fail-on': 'severe' is not a severity\. Fix: Use one of critical, high, medium, low, never/],
    ['an unknown scanner', { scanners: 'secret' }, /input 'scanners': 'secret' is not a scanner\. Did you mean 'secrets'\?/],
    ['a base missing from the clone', { mode: 'diff', base: 'f'.repeat(40) }, /input 'base': 'f{40}' is not a commit in this clone\. Fix: .*fetch-depth: 0/],
    ['a missing explicit baseline', { baseline: 'nope.json' }, /input 'baseline': the baseline file nope\.json does not exist/],
  ])('bad input (%s): exit 1, one clear error, no report written', async (_name, inputs, message) => {
    const run = await scan(inputs);
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(message);
    expect(run.report).toBeUndefined();
  });
});
