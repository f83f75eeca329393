import { describe, expect, it } from '@jest/globals';
import { defaultPolicy, type AdvisorySource, type Dependency, type OsvAdvisory, type Policy, type ScanFinding } from '@safe-deploy/core';
import { InMemoryScanSource } from '@safe-deploy/testing/fakes';
import { fixtureGenerator } from '../../../core/src/security/secrets/secret-fixtures.test-support';
import { runSecurityScan, type InputFlowAnalyzer, type ScanPart, type SecurityScanRequest } from './run-security-scan';

const ALL: ReadonlySet<ScanPart> = new Set(['secrets', 'patterns', 'input-flow', 'dependencies']);
const g = fixtureGenerator(7);
const token = () => g.checksummed(['gh', 'p_'].join(''));
const sha = (n: number) => n.toString(16).repeat(40).slice(0, 40);
const log = { info: () => undefined, warning: () => undefined };

/** An analyzer that reports every `exec(` call, and remembers the text it was given. */
class RecordingFlows implements InputFlowAnalyzer {
  readonly rules = [{ id: 'flow-shell-injection', category: 'input-flow' as const, severity: 'critical' as const, description: 'x' }];
  readonly seen: string[] = [];
  supports(path: string) {
    return path.endsWith('.js');
  }
  scan(path: string, text: string, options: { lineFilter?: (line: number) => boolean }) {
    this.seen.push(text);
    const findings: ScanFinding[] = text.split('\n').flatMap((line, i) =>
      line.includes('exec(') && (!options.lineFilter || options.lineFilter(i + 1)) ? [{ category: 'input-flow' as const, ruleId: 'flow-shell-injection', severity: 'critical' as const, message: `reaches ${line.trim()}`, path, line: i + 1, fingerprint: 'f'.repeat(64) }] : [],
    );
    return { findings };
  }
}

class FixedAdvisories implements AdvisorySource {
  readonly asked: Dependency[][] = [];
  constructor(
    readonly name: string,
    private readonly advisories: OsvAdvisory[],
    private readonly problems: string[] = [],
  ) {}
  async fetchAdvisories(deps: readonly Dependency[]) {
    this.asked.push([...deps]);
    return { advisories: this.advisories, problems: this.problems };
  }
}

const advisory = (id: string, name: string, fixed: string, aliases: string[] = []): OsvAdvisory => ({
  id,
  aliases,
  summary: `${name} is vulnerable`,
  severity: [],
  affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }], versions: [] }],
  database_specific: { severity: 'HIGH' },
});

const lock = (deps: Record<string, string>) =>
  JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])) } }, null, 2);

function request(mode: SecurityScanRequest['mode'], over: Partial<SecurityScanRequest> = {}, policy: Policy = defaultPolicy()): SecurityScanRequest {
  return { mode, parts: ALL, security: policy.security, ...over };
}

describe('runSecurityScan', () => {
  it('tree mode: every scanner over every file, lockfiles against the advisory sources', async () => {
    const secret = token();
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'src/app.js': `const t = '${secret}';\neval(userCode);\nexec(cmd);\n`, 'package-lock.json': lock({ lodash: '4.17.15', ms: '2.1.3' }) } }]);
    const flows = new RecordingFlows();
    const npm = new FixedAdvisories('npm', [advisory('GHSA-1111-2222-3333', 'lodash', '4.17.21')]);
    const outcome = await runSecurityScan(request('tree'), { source, flows, advisories: npm, log });
    expect(outcome.findings.map((f) => [f.category, f.ruleId, f.path, f.line])).toEqual([
      ['vulnerable-dependency', 'GHSA-1111-2222-3333', 'package-lock.json', expect.any(Number)],
      ['secret', 'github-pat', 'src/app.js', 1],
      ['dangerous-pattern', 'js-eval', 'src/app.js', 2],
      ['input-flow', 'flow-shell-injection', 'src/app.js', 3],
    ]);
    expect(npm.asked[0]?.map((d) => `${d.name}@${d.version}`)).toEqual(['lodash@4.17.15', 'ms@2.1.3']);
    expect(outcome.coverage).toMatchObject({ mode: 'tree', files: 2, lockfiles: ['package-lock.json'], dependencies: 2, advisorySources: ['npm'], parsedFiles: 1 });
    expect(outcome.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['github-pat', 'js-eval', 'flow-shell-injection', 'GHSA-1111-2222-3333']));
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('masks found secrets before other scanners see the code, so no message can quote one', async () => {
    const secret = token();
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'a.js': `exec('curl -H "auth: ${secret}" ' + req.query.u);\n` } }]);
    const flows = new RecordingFlows();
    const outcome = await runSecurityScan(request('tree'), { source, flows, advisories: undefined, log });
    expect(flows.seen[0]).not.toContain(secret);
    expect(flows.seen[0]).toHaveLength(`exec('curl -H "auth: ${secret}" ' + req.query.u);\n`.length);
    expect(outcome.findings.find((f) => f.category === 'input-flow')?.message).toContain('*'.repeat(secret.length));
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('leaves minified and very large files out of the input-flow analysis, and says so, while secrets are still scanned there', async () => {
    const secret = token();
    const minified = `var a=${JSON.stringify(secret)};${'exec(x);'.repeat(200)}`;
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'dist/app.min.js': minified, 'src/ok.js': 'exec(cmd);\n' } }]);
    const flows = new RecordingFlows();
    const outcome = await runSecurityScan(request('tree'), { source, flows, advisories: undefined, log });
    expect(flows.seen).toHaveLength(1);
    expect(outcome.coverage).toMatchObject({ parsedFiles: 1, unparsed: ['dist/app.min.js'] });
    expect(outcome.findings.filter((f) => f.path === 'dist/app.min.js').map((f) => f.category)).toEqual(expect.arrayContaining(['secret']));
    expect(outcome.findings.some((f) => f.path === 'dist/app.min.js' && f.category === 'input-flow')).toBe(false);
  });

  it('diff mode: only added lines count (removing a secret never blocks), and only packages the change adds', async () => {
    const kept = token();
    const added = token();
    const source = new InMemoryScanSource([
      { sha: sha(1), files: { 'a.js': `const old = '${kept}';\nconst gone = '${token()}';\n`, 'package-lock.json': lock({ lodash: '4.17.15' }) } },
      { sha: sha(2), files: { 'a.js': `const old = '${kept}';\nconst fresh = '${added}';\n`, 'package-lock.json': lock({ lodash: '4.17.15', minimist: '1.2.0' }) } },
    ]);
    const npm = new FixedAdvisories('npm', [advisory('GHSA-1111-2222-3333', 'lodash', '4.17.21'), advisory('GHSA-4444-5555-6666', 'minimist', '1.2.6')]);
    const outcome = await runSecurityScan(request('diff', { base: sha(1), head: sha(2) }), { source, flows: new RecordingFlows(), advisories: npm, log });
    expect(outcome.findings.map((f) => [f.ruleId, f.line, f.redacted ?? f.package])).toEqual([
      ['github-pat', 2, expect.stringMatching(/^ghp_…\(40\)$/)],
      ['GHSA-4444-5555-6666', expect.any(Number), 'minimist@1.2.0'],
    ]);
    expect(npm.asked[0]?.map((d) => d.name)).toEqual(['minimist']);
    expect(outcome.coverage).toMatchObject({ mode: 'diff', base: sha(1), head: sha(2) });
  });

  it('history mode: secrets in any commit, attributed to the commit that added them, even when deleted later', async () => {
    const leaked = token();
    const source = new InMemoryScanSource([
      { sha: sha(1), files: { 'a.txt': 'hello\n' } },
      { sha: sha(2), files: { 'a.txt': `hello\ntoken=${leaked}\n` } },
      { sha: sha(3), files: { 'a.txt': 'hello\n\n' } },
    ]);
    const outcome = await runSecurityScan(request('history', { head: sha(3) }), { source, flows: new RecordingFlows(), advisories: undefined, log });
    expect(outcome.findings.map((f) => [f.ruleId, f.path, f.line, f.commit])).toEqual([['github-pat', 'a.txt', 2, sha(2)]]);
    expect(outcome.coverage.commits).toBe(3);
    const since = await runSecurityScan(request('history', { base: sha(2), head: sha(3) }), { source, flows: new RecordingFlows(), advisories: undefined, log });
    expect(since.findings).toEqual([]);
  });

  it('reports an advisory source that could not answer as incomplete, and a parser that could not start', async () => {
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'package-lock.json': lock({ lodash: '4.17.15' }), 'b.js': 'x()\n' } }]);
    const down = new FixedAdvisories('osv-api', [], ['api.osv.dev answered 503 three times']);
    const outcome = await runSecurityScan(request('tree'), { source, flows: { unavailable: 'tree-sitter.wasm not found' }, advisories: down, log });
    expect(outcome.problems).toEqual([
      { part: 'input-flow', message: 'the input-flow analysis could not start: tree-sitter.wasm not found', incomplete: true },
      { part: 'dependencies', message: 'api.osv.dev answered 503 three times', incomplete: true },
    ]);
    const unconfigured = await runSecurityScan(request('tree'), { source, flows: new RecordingFlows(), advisories: undefined, log });
    expect(unconfigured.problems[0]?.message).toMatch(/1 dependencies were not checked: no advisory source/);
  });

  it('reports a malformed lockfile by name and scans the rest', async () => {
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'package-lock.json': '{ not json', 'yarn.lock': 'lodash@^4:\n  version "4.17.15"\n' } }]);
    const npm = new FixedAdvisories('npm', [advisory('GHSA-1111-2222-3333', 'lodash', '4.17.21')]);
    const outcome = await runSecurityScan(request('tree'), { source, flows: new RecordingFlows(), advisories: npm, log });
    expect(outcome.problems.map((p) => [p.part, p.incomplete, p.message.split(':')[0]])).toEqual([['dependencies', false, 'package-lock.json']]);
    expect(outcome.findings.map((f) => f.path)).toEqual(['yarn.lock']);
  });

  it('masks a secret a problem message quotes (a malformed lockfile line)', async () => {
    const secret = token();
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'requirements.txt': `requests==2.31.0\nauth ${secret} here ===\n` } }]);
    const outcome = await runSecurityScan(request('tree', { parts: new Set(['dependencies']) }), { source, flows: new RecordingFlows(), advisories: undefined, log });
    expect(outcome.problems.some((p) => p.message.includes('requirements.txt:2') && p.message.includes('*'.repeat(secret.length)))).toBe(true);
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('honours disabled rules and advisories (by id or alias)', async () => {
    const source = new InMemoryScanSource([{ sha: sha(1), files: { 'package-lock.json': lock({ lodash: '4.17.15' }), 'x.js': 'eval(code)\n' } }]);
    const osv = new FixedAdvisories('osv-api', [advisory('GHSA-1111-2222-3333', 'lodash', '4.17.21', ['CVE-2020-8203'])]);
    const policy = defaultPolicy();
    policy.security['disabled-rules'] = ['CVE-2020-8203', 'js-eval'];
    const disabled = await runSecurityScan(request('tree', {}, policy), { source, flows: new RecordingFlows(), advisories: osv, log });
    expect(disabled.findings).toEqual([]);
  });

  it('turns a bad user rule into a configuration error naming the policy path', async () => {
    const policy = defaultPolicy();
    policy.security.rules = [{ id: 'acme', regex: '(' }];
    const source = new InMemoryScanSource([{ sha: sha(1), files: {} }]);
    await expect(runSecurityScan(request('tree', {}, policy), { source, flows: new RecordingFlows(), advisories: undefined, log })).rejects.toThrow(/security\.rules\[0\]\.regex/);
  });
});
