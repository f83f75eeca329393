import { describe, expect, it } from '@jest/globals';
import type { Dependency } from './dependency';
import { assessSeverity, matchAdvisories } from './match-advisories';
import { osvAdvisorySchema, type OsvAdvisory } from './osv-advisory';

const advisory = (fields: Record<string, unknown>): OsvAdvisory => osvAdvisorySchema.parse({ id: 'GHSA-test', ...fields });
const dep = (ecosystem: Dependency['ecosystem'], name: string, version: string): Dependency => ({ ecosystem, name, version, file: 'lock', line: 3 });
const affected = (ecosystem: string, name: string, rest: Record<string, unknown>) => ({ package: { ecosystem, name }, ...rest });
const semver = (...events: Record<string, string>[]) => ({ ranges: [{ type: 'SEMVER', events }] });

// lodash prototype pollution, as OSV publishes it: introduced 0, fixed 4.17.21; and a second range.
const lodash = advisory({
  id: 'GHSA-35jh-r3h4-6jhm',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  affected: [affected('npm', 'lodash', { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }, { type: 'SEMVER', events: [{ introduced: '5.0.0' }, { fixed: '5.0.2' }] }] })],
  database_specific: { severity: 'HIGH' },
});

describe('matchAdvisories', () => {
  it.each([
    ['below the fix', dep('npm', 'lodash', '4.17.20'), lodash, '4.17.21'],
    ['a prerelease of the fix', dep('npm', 'lodash', '4.17.21-rc.1'), lodash, '4.17.21'],
    ['inside the second range', dep('npm', 'lodash', '5.0.1'), lodash, '5.0.2'],
    ['at last_affected', dep('crates.io', 'smallvec', '1.6.0'), advisory({ affected: [affected('crates.io', 'smallvec', semver({ introduced: '1.0.0' }, { last_affected: '1.6.0' }))] }), undefined],
    ['listed in versions', dep('PyPI', 'django', '3.2.0'), advisory({ affected: [affected('PyPI', 'Django', { versions: ['3.1.0', '3.2.0'] })] }), undefined],
    [
      'in a PyPI ECOSYSTEM range, names normalised',
      dep('PyPI', 'flask-sqlalchemy', '2.5.1'),
      advisory({ affected: [affected('PyPI', 'Flask_SQLAlchemy', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.5.2' }, { fixed: '3.0.0rc1' }] }] })] }),
      '2.5.2',
    ],
    [
      'Go with a leading v and a pseudo-version',
      dep('Go', 'golang.org/x/net', 'v0.0.0-20210405180319-a5a99cb37ef4'),
      advisory({ affected: [affected('Go', 'golang.org/x/net', semver({ introduced: '0' }, { fixed: '0.7.0' }))] }),
      '0.7.0',
    ],
    [
      'events given out of order',
      dep('npm', 'minimist', '1.2.5'),
      advisory({ affected: [affected('npm', 'minimist', semver({ fixed: '1.2.6' }, { introduced: '1.0.0' }, { fixed: '0.2.4' }, { introduced: '0' }))] }),
      '1.2.6',
    ],
  ])('matches %s', (_name, dependency, osv, fixedIn) => {
    const [finding, ...rest] = matchAdvisories([dependency], [osv]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'vulnerable-dependency', advisoryId: osv.id, packageName: dependency.name, packageVersion: dependency.version, file: 'lock', line: 3 });
    expect(finding?.fixedIn).toBe(fixedIn);
  });

  it.each([
    ['at the fix', dep('npm', 'lodash', '4.17.21'), lodash],
    ['between the ranges', dep('npm', 'lodash', '4.18.0'), lodash],
    ['above the second fix', dep('npm', 'lodash', '5.0.2'), lodash],
    ['above last_affected', dep('crates.io', 'smallvec', '1.6.1'), advisory({ affected: [affected('crates.io', 'smallvec', semver({ introduced: '1.0.0' }, { last_affected: '1.6.0' }))] })],
    ['below introduced', dep('crates.io', 'smallvec', '0.9.0'), advisory({ affected: [affected('crates.io', 'smallvec', semver({ introduced: '1.0.0' }, { last_affected: '1.6.0' }))] })],
    ['another ecosystem with the same name', dep('PyPI', 'lodash', '4.17.20'), lodash],
    ['another package', dep('npm', 'lodash-es', '4.17.20'), lodash],
    ['a version not in versions', dep('PyPI', 'django', '3.2.1'), advisory({ affected: [affected('PyPI', 'Django', { versions: ['3.2.0'] })] })],
    ['only a GIT range', dep('npm', 'x', '1.0.0'), advisory({ affected: [affected('npm', 'x', { ranges: [{ type: 'GIT', repo: 'https://g', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] })] })],
    ['at or above the limit', dep('npm', 'x', '2.0.0'), advisory({ affected: [affected('npm', 'x', semver({ introduced: '0' }, { limit: '2.0.0' }))] })],
    ['an unparsable installed version', dep('npm', 'x', 'github:o/r'), advisory({ affected: [affected('npm', 'x', semver({ introduced: '0' }))] })],
    [
      'between ranges given out of order',
      dep('npm', 'minimist', '0.5.0'),
      advisory({ affected: [affected('npm', 'minimist', semver({ fixed: '1.2.6' }, { introduced: '1.0.0' }, { fixed: '0.2.4' }, { introduced: '0' }))] }),
    ],
    ['a withdrawn advisory', dep('npm', 'lodash', '4.17.20'), { ...lodash, withdrawn: '2024-01-01T00:00:00Z' }],
  ])('does not match %s', (_name, dependency, osv) => {
    expect(matchAdvisories([dependency], [osv])).toEqual([]);
  });

  it('reports one finding per dependency and advisory, with a message a user can act on', () => {
    const deps = [dep('npm', 'lodash', '4.17.20'), { ...dep('npm', 'lodash', '4.17.15'), dev: true, file: 'web/package-lock.json', line: 40 }, dep('npm', 'express', '4.0.0')];
    expect(matchAdvisories(deps, [lodash])).toEqual([
      {
        ruleId: 'vulnerable-dependency',
        advisoryId: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        ecosystem: 'npm',
        packageName: 'lodash',
        packageVersion: '4.17.20',
        file: 'lock',
        line: 3,
        severity: 'high',
        fixedIn: '4.17.21',
        message: 'lodash@4.17.20 (npm) is affected by GHSA-35jh-r3h4-6jhm (high): Command Injection in lodash. Fix: upgrade to 4.17.21 or later.',
      },
      expect.objectContaining({ packageVersion: '4.17.15', dev: true, file: 'web/package-lock.json', line: 40 }),
    ]);
  });

  it('says when no fix is published', () => {
    const osv = advisory({ id: 'RUSTSEC-2021-0003', summary: 'Buffer overflow', affected: [affected('crates.io', 'smallvec', semver({ introduced: '1.0.0' }, { last_affected: '1.6.0' }))] });
    expect(matchAdvisories([dep('crates.io', 'smallvec', '1.6.0')], [osv])[0]?.message).toBe(
      'smallvec@1.6.0 (crates.io) is affected by RUSTSEC-2021-0003 (medium): Buffer overflow. Fix: no fixed version is published; remove or replace the package.',
    );
  });
});

describe('assessSeverity', () => {
  it.each([
    ['GHSA MODERATE', { database_specific: { severity: 'MODERATE' } }, 'medium'],
    ['GHSA CRITICAL over a low CVSS', { database_specific: { severity: 'CRITICAL' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N' }] }, 'critical'],
    ['CVSS 9.8', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }, 'critical'],
    ['CVSS 7.5', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }] }, 'high'],
    ['CVSS 6.1', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }] }, 'medium'],
    ['CVSS 3.7', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N' }] }, 'low'],
    ['an unknown GHSA word falls back to CVSS', { database_specific: { severity: 'UNKNOWN' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }] }, 'high'],
    ['only CVSS v4', { severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] }, 'medium'],
    ['nothing', {}, 'medium'],
  ])('%s → %s', (_name, fields, expected) => {
    expect(assessSeverity(advisory(fields))).toBe(expected);
  });
});

describe('osvAdvisorySchema', () => {
  it('reports where an advisory is malformed', () => {
    const result = osvAdvisorySchema.safeParse({ id: 'X', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER2', events: [] }] }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['affected', 0, 'ranges', 0, 'type']);
  });
});
