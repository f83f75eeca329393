import { describe, expect, it } from '@jest/globals';
import type { Dependency } from './dependency';
import { matchAdvisories } from './match-advisories';
import { npmAdvisoryToOsv, type NpmBulkAdvisory } from './npm-advisory-to-osv';
import { osvAdvisorySchema } from './osv-advisory';

// Entries as npm's bulk endpoint returns them (recorded verbatim by `bun audit --json`, which prints that answer as is).
const lodashCommandInjection: NpmBulkAdvisory = {
  id: 1106913,
  url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
  title: 'Command Injection in lodash',
  severity: 'high',
  vulnerable_versions: '<4.17.21',
  cwe: ['CWE-77', 'CWE-94'],
  cvss: { score: 7.2, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
};
const axiosUnscored: NpmBulkAdvisory = {
  id: 1111034,
  url: 'https://github.com/advisories/GHSA-jr5f-v2jv-69x6',
  title: 'axios Requests Vulnerable To Possible SSRF and Credential Leakage via Absolute URL',
  severity: 'high',
  vulnerable_versions: '<0.30.0',
  cwe: ['CWE-918'],
  cvss: { score: 0, vectorString: null },
};

const entry = (vulnerable_versions: string, rest: Partial<NpmBulkAdvisory> = {}): NpmBulkAdvisory => ({ ...lodashCommandInjection, vulnerable_versions, ...rest });
const dep = (version: string): Dependency => ({ ecosystem: 'npm', name: 'lodash', version, file: 'package-lock.json' });

describe('npmAdvisoryToOsv', () => {
  it('converts a real entry: the GHSA id from the URL, npm severity as GHSA spells it, the CVSS vector, a SEMVER range', () => {
    const osv = npmAdvisoryToOsv('lodash', lodashCommandInjection, ['4.17.15']);
    expect(osv).toEqual({
      id: 'GHSA-35jh-r3h4-6jhm',
      aliases: [],
      summary: 'Command Injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }], versions: [] }],
      database_specific: {
        severity: 'HIGH',
        source: 'npm',
        url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
        npm_advisory_id: 1106913,
        npm_vulnerable_versions: '<4.17.21',
        cwe_ids: ['CWE-77', 'CWE-94'],
      },
    });
    // What it produces is a valid OSV advisory as the scanner reads them.
    expect(osvAdvisorySchema.parse(osv)).toEqual(osv);
  });

  it('leaves the CVSS list empty when npm has no vector (score 0 means unscored, not harmless)', () => {
    const osv = npmAdvisoryToOsv('axios', axiosUnscored, ['0.21.0']);
    expect(osv.severity).toEqual([]);
    expect(osv.database_specific?.severity).toBe('HIGH');
  });

  it.each([
    ['<4.17.21', [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }], []],
    ['>=4.0.0 <4.17.21', [{ type: 'SEMVER', events: [{ introduced: '4.0.0' }, { fixed: '4.17.21' }] }], []],
    ['>=4.0.0 <=4.17.22', [{ type: 'SEMVER', events: [{ introduced: '4.0.0' }, { last_affected: '4.17.22' }] }], []],
    ['<=4.17.23', [{ type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '4.17.23' }] }], []],
    [
      '<0.2.1 || >=1.0.0 <1.2.3',
      [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.2.1' }] },
        { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.3' }] },
      ],
      [],
    ],
    ['>= 2.0.0 < 2.1.4', [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.1.4' }] }], []],
    ['>=1.0 <2', [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '2.0.0' }] }], []],
    ['0.0.8 - 1.2.5', [{ type: 'SEMVER', events: [{ introduced: '0.0.8' }, { last_affected: '1.2.5' }] }], []],
    ['>=0.0.0', [{ type: 'SEMVER', events: [{ introduced: '0.0.0' }] }], []],
    ['*', [{ type: 'SEMVER', events: [{ introduced: '0' }] }], []],
    ['=1.0.1 || 1.0.3', [], ['1.0.1', '1.0.3']],
    // OSV cannot say "above 4.17.0": the queried versions inside it are listed instead.
    ['>4.17.0 <4.17.21', [], ['4.17.15']],
    // Not read at all: every queried version counts as affected (npm answered with it, so one of them is).
    ['^4.17.0', [], ['4.16.0', '4.17.15']],
  ])('range %s', (range, ranges, versions) => {
    const osv = npmAdvisoryToOsv('lodash', entry(range), ['4.16.0', '4.17.15']);
    expect(osv.affected[0]?.ranges).toEqual(ranges);
    expect(osv.affected[0]?.versions).toEqual(versions);
  });

  it('marks a range it could not read, keeping the range as npm wrote it', () => {
    expect(npmAdvisoryToOsv('lodash', entry('~4.17.0'), ['4.17.15']).database_specific).toMatchObject({ npm_range_unreadable: true, npm_vulnerable_versions: '~4.17.0' });
    expect(npmAdvisoryToOsv('lodash', entry('<4.17.21'), ['4.17.15']).database_specific).not.toHaveProperty('npm_range_unreadable');
  });

  it.each([
    ['https://github.com/advisories/GHSA-35JH-R3H4-6JHM', 'GHSA-35jh-r3h4-6jhm'],
    ['https://npmjs.com/advisories/1179', 'NPM-1106913'],
  ])('id from %s', (url, id) => {
    expect(npmAdvisoryToOsv('lodash', entry('<1.0.0', { url }), []).id).toBe(id);
  });

  it.each([
    ['critical', 'CRITICAL'],
    ['moderate', 'MODERATE'],
    ['low', 'LOW'],
    ['info', 'LOW'],
  ])('severity %s becomes %s', (severity, word) => {
    expect(npmAdvisoryToOsv('lodash', entry('<1.0.0', { severity }), []).database_specific?.severity).toBe(word);
  });

  it('accepts the older answer without cwe and cvss, and a single CWE string', () => {
    const old = { id: 1179, url: 'https://npmjs.com/advisories/1179', title: 'Prototype Pollution', severity: 'low', vulnerable_versions: '<0.2.1 || >=1.0.0 <1.2.3' };
    expect(npmAdvisoryToOsv('minimist', old, ['1.2.0'])).toMatchObject({ id: 'NPM-1179', severity: [], database_specific: { severity: 'LOW' } });
    expect(npmAdvisoryToOsv('minimist', { ...old, cwe: 'CWE-400' }, []).database_specific?.cwe_ids).toEqual(['CWE-400']);
  });

  // The converted ranges must mean what node-semver means: matched through the scanner's own matcher.
  it.each([
    ['>=4.0.0 <4.17.21', '3.10.1', false],
    ['>=4.0.0 <4.17.21', '4.0.0', true],
    ['>=4.0.0 <4.17.21', '4.17.20', true],
    ['>=4.0.0 <4.17.21', '4.17.21', false],
    ['<=4.17.23', '4.17.23', true],
    ['<=4.17.23', '4.17.24', false],
    ['<0.2.1 || >=1.0.0 <1.2.3', '0.2.1', false],
    ['<0.2.1 || >=1.0.0 <1.2.3', '1.2.0', true],
    ['>4.17.0 <4.17.21', '4.17.15', true],
    ['>4.17.0 <4.17.21', '4.17.0', false],
  ])('%s affects %s: %s', (range, version, affected) => {
    const findings = matchAdvisories([dep(version)], [npmAdvisoryToOsv('lodash', entry(range), [version])]);
    expect(findings.length > 0).toBe(affected);
  });

  it('gives the scanner the fix, and the severity from the npm word first: medium, though the CVSS vector alone says high', () => {
    const [finding] = matchAdvisories([dep('4.17.15')], [npmAdvisoryToOsv('lodash', entry('>=4.0.0 <4.17.21', { severity: 'moderate' }), ['4.17.15'])]);
    expect(finding).toMatchObject({ advisoryId: 'GHSA-35jh-r3h4-6jhm', severity: 'medium', fixedIn: '4.17.21' });
  });
});
