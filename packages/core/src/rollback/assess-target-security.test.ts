import { describe, expect, it } from '@jest/globals';
import type { DeploymentRecord } from '../records/deployment-record';
import { assessTargetSecurity } from './assess-target-security';

const sha = 'c'.repeat(40);
const target = (security: Record<string, unknown> | undefined) => ({
  sha,
  ref: 'main',
  source: 'last-known-good' as const,
  deployment: { id: 7, sha, payload: { schema: 'safe-deploy/deployment', version: 1, kind: 'deploy', release: { sha, ref: 'main' }, ...(security ? { verdicts: { security } } : {}) } } as unknown as DeploymentRecord,
});

describe('assessTargetSecurity', () => {
  it('warns when the restored version was deployed with known-vulnerable dependencies', () => {
    const warning = assessTargetSecurity(target({ verdict: 'warn', reasons: [], vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', package: 'lodash@4.17.20', path: 'package-lock.json' }] }));
    expect(warning).toBe('The version being restored (ccccccc) was deployed with known-vulnerable dependencies: GHSA-35jh-r3h4-6jhm (lodash@4.17.20, high). Plan a fixed release soon after service is back.');
  });

  it('warns about a blocking verdict deployed anyway, and lists at most five advisories', () => {
    expect(assessTargetSecurity(target({ verdict: 'block', reasons: ['2 new findings (2 secrets)'] }))).toContain('over a blocking security verdict (2 new findings (2 secrets))');
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `GHSA-000${i}` }));
    expect(assessTargetSecurity(target({ verdict: 'warn', vulnerabilities: many }))).toContain('GHSA-0004 and 2 more');
  });

  it('says nothing for a clean verdict, no verdict, or no deployment', () => {
    expect(assessTargetSecurity(target({ verdict: 'pass', reasons: [] }))).toBeUndefined();
    expect(assessTargetSecurity(target(undefined))).toBeUndefined();
    expect(assessTargetSecurity({ sha, ref: 'main', source: 'explicit' })).toBeUndefined();
  });
});
