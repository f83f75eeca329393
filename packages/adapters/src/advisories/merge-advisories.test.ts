import { describe, expect, it } from '@jest/globals';
import { osvAdvisorySchema, type OsvAdvisory } from '@safe-deploy/core';
import { mergeAdvisories } from './merge-advisories';

const advisory = (fields: Record<string, unknown>): OsvAdvisory => osvAdvisorySchema.parse(fields);
const lodash = (events: Record<string, string>[]) => [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events }] }];

describe('mergeAdvisories', () => {
  it('keeps advisories that share no id or alias apart', () => {
    const merged = mergeAdvisories([advisory({ id: 'GHSA-a' }), advisory({ id: 'GHSA-b', aliases: ['CVE-1'] })]);
    expect(merged.map((a) => a.id)).toEqual(['GHSA-a', 'GHSA-b']);
  });

  it('merges npm’s and OSV’s copy of one GHSA advisory: OSV’s record first, the union of affected ranges and aliases', () => {
    const osv = advisory({ id: 'GHSA-29mw-wpgm-hmr9', aliases: ['CVE-2020-28500'], summary: 'ReDoS in lodash', affected: lodash([{ introduced: '0' }, { fixed: '4.17.21' }]), database_specific: { severity: 'MODERATE' } });
    const npm = advisory({ id: 'GHSA-29mw-wpgm-hmr9', summary: 'from npm', affected: lodash([{ introduced: '4.0.0' }, { fixed: '4.17.21' }]), severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }] });
    const [merged, ...rest] = mergeAdvisories([osv, npm]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ id: 'GHSA-29mw-wpgm-hmr9', aliases: ['CVE-2020-28500'], summary: 'ReDoS in lodash', database_specific: { severity: 'MODERATE' } });
    expect(merged?.affected).toEqual([...osv.affected, ...npm.affected]);
    expect(merged?.severity).toEqual(npm.severity);
  });

  it('follows aliases transitively (PYSEC → GHSA → CVE) and keeps the first id', () => {
    const merged = mergeAdvisories([
      advisory({ id: 'PYSEC-2021-1', aliases: ['GHSA-x'] }),
      advisory({ id: 'OTHER-1' }),
      advisory({ id: 'CVE-2021-9', aliases: ['GHSA-y'] }),
      advisory({ id: 'GHSA-x', aliases: ['CVE-2021-9'], database_specific: { severity: 'HIGH' } }),
    ]);
    expect(merged.map((a) => [a.id, a.aliases, a.database_specific?.severity])).toEqual([
      ['PYSEC-2021-1', ['CVE-2021-9', 'GHSA-x', 'GHSA-y'], 'HIGH'],
      ['OTHER-1', [], undefined],
    ]);
  });

  it('drops exact repeats of an affected entry', () => {
    const one = advisory({ id: 'GHSA-a', affected: lodash([{ introduced: '0' }, { fixed: '1.0.0' }]) });
    expect(mergeAdvisories([one, one])[0]?.affected).toHaveLength(1);
  });

  it.each([
    [['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'], '2024-01-01T00:00:00Z'],
    [['2024-01-01T00:00:00Z', undefined], undefined],
  ])('is withdrawn only when every copy is (%j)', (withdrawn, expected) => {
    const merged = mergeAdvisories(withdrawn.map((at) => advisory({ id: 'GHSA-a', ...(at ? { withdrawn: at } : {}) })));
    expect(merged[0]?.withdrawn).toBe(expected);
  });
});
