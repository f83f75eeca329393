import { describe, expect, it } from '@jest/globals';
import type { ScanFinding } from '../sarif/scan-finding';
import { assessScan, type ScanProblem } from './assess-scan';
import { parseScanBaseline, renderScanBaseline } from './scan-baseline';
import { planScanAnnotations } from './plan-scan-annotations';
import { renderScanSummary } from './render-scan-summary';
import { renderScanReport, renderScanVerdict } from './render-scan-report';
import type { ScanOutcome } from './scan-outcome';

const fp = (n: number) => n.toString(16).padStart(64, '0');
const finding = (n: number, over: Partial<ScanFinding> = {}): ScanFinding => ({ category: 'dangerous-pattern', ruleId: 'js-eval', severity: 'high', message: 'eval of a non-literal. Use JSON.parse.', path: `src/f${n}.js`, line: n, fingerprint: fp(n), ...over });
const none = new Set<string>();

describe('assessScan', () => {
  it.each([
    { name: 'nothing found passes', findings: [], failOn: 'high' as const, verdict: 'pass', codes: ['clean'] },
    { name: 'a new high finding blocks at fail-on high', findings: [finding(1)], failOn: 'high' as const, verdict: 'block', codes: ['blocking-findings'] },
    { name: 'a new critical blocks at fail-on high', findings: [finding(1, { severity: 'critical' })], failOn: 'high' as const, verdict: 'block', codes: ['blocking-findings'] },
    { name: 'a medium finding below fail-on high warns', findings: [finding(1, { severity: 'medium' })], failOn: 'high' as const, verdict: 'warn', codes: ['new-findings-below-threshold'] },
    { name: 'fail-on never reports only', findings: [finding(1, { severity: 'critical' })], failOn: 'never' as const, verdict: 'warn', codes: ['new-findings-below-threshold'] },
    { name: 'fail-on low blocks a low', findings: [finding(1, { severity: 'low' })], failOn: 'low' as const, verdict: 'block', codes: ['blocking-findings'] },
  ])('$name', ({ findings, failOn, verdict, codes }) => {
    const result = assessScan({ findings, baseline: none, failOn, problems: [], failOnIncomplete: true });
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('lets the baseline accept findings, and only new ones block', () => {
    const result = assessScan({ findings: [finding(1), finding(2)], baseline: new Set([fp(1)]), failOn: 'high', problems: [], failOnIncomplete: true });
    expect(result.verdict).toBe('block');
    expect(result.blocking.map((f) => f.path)).toEqual(['src/f2.js']);
    expect(result.baselined.map((f) => f.path)).toEqual(['src/f1.js']);
    expect(result.counts).toMatchObject({ total: 2, new: 1, baselined: 1, blocking: 1 });
    expect(result.counts['dangerous-pattern'].high).toBe(2);
    const accepted = assessScan({ findings: [finding(1)], baseline: new Set([fp(1)]), failOn: 'high', problems: [], failOnIncomplete: true });
    expect(accepted.verdict).toBe('pass');
    expect(accepted.reasons[0]?.code).toBe('baselined-only');
  });

  it('never passes an incomplete scan silently: blocks by default, warns when told', () => {
    const problems: ScanProblem[] = [{ part: 'dependencies', message: 'osv-api: api.osv.dev did not answer', incomplete: true }];
    const blocking = assessScan({ findings: [], baseline: none, failOn: 'high', problems, failOnIncomplete: true });
    expect(blocking.verdict).toBe('block');
    expect(blocking.reasons[0]?.message).toContain('api.osv.dev did not answer');
    expect(assessScan({ findings: [], baseline: none, failOn: 'high', problems, failOnIncomplete: false }).verdict).toBe('warn');
    const minor = assessScan({ findings: [], baseline: none, failOn: 'high', problems: [{ part: 'files', message: 'x', incomplete: false }], failOnIncomplete: true });
    expect(minor.verdict).toBe('warn');
    expect(minor.reasons.map((r) => r.code)).toEqual(['scan-problems']);
  });
});

describe('scan baseline', () => {
  it('round-trips the fingerprints of findings, one entry each', () => {
    const text = renderScanBaseline([finding(2), finding(1), finding(1)]);
    const parsed = parseScanBaseline(text, 'b.json');
    expect(parsed.problem).toBeUndefined();
    expect([...parsed.fingerprints]).toEqual([fp(1), fp(2)]);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another schema', JSON.stringify({ schema: 'x', version: 1, findings: [] }), /schema/],
    ['a bad fingerprint', JSON.stringify({ schema: 'safe-deploy/security-baseline', version: 1, findings: [{ fingerprint: 'abc' }] }), /findings\.0\.fingerprint: expected a sha256/],
  ])('reports a corrupt baseline (%s) and accepts nothing', (_name, text, message) => {
    const parsed = parseScanBaseline(text, '.github/security-baseline.json');
    expect(parsed.fingerprints.size).toBe(0);
    expect(parsed.problem).toMatch(message);
    expect(parsed.problem).toContain('.github/security-baseline.json');
  });
});

describe('planScanAnnotations', () => {
  it('keeps within 10 per type and says how many more there are', () => {
    const findings = Array.from({ length: 25 }, (_, i) => finding(i + 1, { severity: i < 15 ? 'critical' : 'low' }));
    const verdict = assessScan({ findings, baseline: none, failOn: 'high', problems: [], failOnIncomplete: true });
    const annotations = planScanAnnotations(verdict, []);
    const errors = annotations.filter((a) => a.level === 'error');
    const warnings = annotations.filter((a) => a.level === 'warning');
    expect(errors).toHaveLength(10);
    expect(errors[9]?.message).toMatch(/^6 more blocking findings/);
    expect(warnings).toHaveLength(10);
    expect(errors[0]).toMatchObject({ file: 'src/f1.js', line: 1, title: 'critical dangerous-pattern: js-eval' });
  });

  it('puts problems first among the warnings and leaves baselined findings alone', () => {
    const verdict = assessScan({ findings: [finding(1, { severity: 'low' }), finding(2)], baseline: new Set([fp(2)]), failOn: 'high', problems: [], failOnIncomplete: true });
    const annotations = planScanAnnotations(verdict, [{ part: 'dependencies', message: 'npm did not answer', incomplete: true }]);
    expect(annotations.map((a) => [a.level, a.file ?? a.message])).toEqual([
      ['warning', 'npm did not answer'],
      ['warning', 'src/f1.js'],
    ]);
  });
});

describe('summary, report and verdict', () => {
  const outcome = (findings: ScanFinding[]): ScanOutcome => ({ findings, rules: [], problems: [], skipped: [{ path: 'img.png', reason: 'binary', detail: 'a NUL byte' }], coverage: { mode: 'diff', files: 3, bytes: 100, lockfiles: ['package-lock.json'], dependencies: 12, advisorySources: ['npm'], parsedFiles: 2, unparsed: ['dist/index.js'], base: 'a'.repeat(40), head: 'b'.repeat(40) } });
  const secret = finding(3, { category: 'secret', ruleId: 'github-pat', severity: 'critical', redacted: 'ghp_…(40)', message: 'GitHub token committed (found: ghp_…(40))' });
  const vuln = finding(4, { category: 'vulnerable-dependency', ruleId: 'GHSA-aaaa-bbbb-cccc', severity: 'medium', package: 'lodash@4.17.15', path: 'package-lock.json' });

  it('renders the verdict, the table by category, redacted secrets, skipped files and coverage', () => {
    const verdict = assessScan({ findings: [secret, vuln], baseline: none, failOn: 'high', problems: [], failOnIncomplete: true });
    const summary = renderScanSummary(verdict, outcome([secret, vuln]), { sarif: 'x.sarif' });
    expect(summary).toContain('## ⛔ Security scan: block');
    expect(summary).toContain('| Secrets | 1 | 0 | 0 | 0 | 1 | 0 |');
    expect(summary).toContain('| Vulnerable dependencies | 0 | 0 | 1 | 0 | 1 | 0 |');
    expect(summary).toContain('`ghp_…(40)` — rotate it');
    expect(summary).toContain('1 binary');
    expect(summary).toContain('lines added between `aaaaaaaaaaaa` and `bbbbbbbbbbbb` in 3 changed files');
    expect(summary).toContain('12 dependencies from 1 lockfile checked against npm');
    expect(summary).toContain('2 parsed for input flows (1 minified or over 512 KiB not parsed, e.g. `dist/index.js`)');
  });

  it('marks each finding in the report and keeps the payload verdict small', () => {
    const verdict = assessScan({ findings: [secret, vuln], baseline: new Set([fp(4)]), failOn: 'high', problems: [], failOnIncomplete: true });
    const report = JSON.parse(renderScanReport(verdict, outcome([secret, vuln]), '2026-12-02T00:00:00.000Z')) as { findings: { status: string }[]; verdict: string };
    expect(report.verdict).toBe('block');
    expect(report.findings.map((f) => f.status)).toEqual(['blocking', 'baselined']);
    expect(JSON.parse(renderScanVerdict(verdict))).toEqual({
      verdict: 'block',
      reasons: [expect.stringContaining('1 new finding (1 secret)')],
      counts: { total: 2, new: 1, blocking: 1, baselined: 1 },
      vulnerabilities: [{ id: 'GHSA-aaaa-bbbb-cccc', severity: 'medium', package: 'lodash@4.17.15', path: 'package-lock.json' }],
    });
  });
});
