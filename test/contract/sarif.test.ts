import { describe, expect, it } from '@jest/globals';
import { renderSarif, type ScanFinding, type ScanRule } from '@safe-deploy/core';
import { validateSarif } from '../../packages/testing/src/validate-sarif';

// The SARIF the security scan writes, against the official SARIF 2.1.0 schema (what upload-sarif validates first).
const rules: ScanRule[] = [
  { id: 'github-pat', category: 'secret', severity: 'critical', description: 'GitHub personal access token', help: 'Revoke the token and read it from a secret.' },
  { id: 'shell-injection', category: 'input-flow', severity: 'high', description: 'Request data reaches a shell' },
  { id: 'vulnerable-dependency', category: 'vulnerable-dependency', severity: 'medium', description: 'A dependency with a known vulnerability' },
];
const finding = (overrides: Partial<ScanFinding>): ScanFinding => ({ category: 'secret', ruleId: 'github-pat', severity: 'critical', message: 'A GitHub token (ghp_…36 chars) is committed.', path: 'src/config.ts', line: 12, column: 9, endColumn: 49, fingerprint: 'f'.repeat(64), ...overrides });

describe('renderSarif', () => {
  const log = renderSarif({
    findings: [
      finding({ path: 'src/z.ts' }),
      finding({}),
      finding({ category: 'input-flow', ruleId: 'shell-injection', severity: 'high', path: 'api/run.js', line: 4, fingerprint: 'a'.repeat(64) }),
      finding({ category: 'dangerous-pattern', ruleId: 'user:no-console-secrets', severity: 'low', path: 'a.js', line: 1, fingerprint: 'b'.repeat(64) }),
    ],
    rules,
    toolVersion: '0.1.0',
    informationUri: 'https://github.com/acme/safe-deploy',
  });

  it('is valid SARIF 2.1.0', () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it('writes one run per category with its own automation id, including an empty run that closes old alerts', () => {
    expect(log.runs.map((run) => (run.automationDetails as { id: string }).id)).toEqual(['safe-deploy/secret/', 'safe-deploy/dangerous-pattern/', 'safe-deploy/input-flow/', 'safe-deploy/vulnerable-dependency/']);
    expect(log.runs.map((run) => (run.results as unknown[]).length)).toEqual([2, 1, 1, 0]);
  });

  it('sorts results, points each at its rule, and fingerprints it', () => {
    const results = log.runs[0]?.results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; ruleIndex: number; partialFingerprints: Record<string, string>; level: string }[];
    expect(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['src/config.ts', 'src/z.ts']);
    expect(results[0]).toMatchObject({ ruleIndex: 0, level: 'error', partialFingerprints: { 'safeDeployFindingHash/v1': 'f'.repeat(64) } });
    const userRun = log.runs[1]?.tool as { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
    expect(userRun.driver.rules).toEqual([expect.objectContaining({ id: 'user:no-console-secrets', defaultConfiguration: { level: 'note' } })]);
  });

  it('writes the same bytes for the same findings in any order', () => {
    const shuffled = renderSarif({ findings: [finding({}), finding({ path: 'src/z.ts' })], rules, toolVersion: '0.1.0', informationUri: 'x' });
    const ordered = renderSarif({ findings: [finding({ path: 'src/z.ts' }), finding({})], rules, toolVersion: '0.1.0', informationUri: 'x' });
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(ordered));
  });
});
