import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, matchAdvisories, type AdvisorySource, type Dependency } from '@safe-deploy/core';
import { CombinedAdvisorySource } from './combined-advisory-source';
import { ADVISORY_SOURCE_KINDS, createAdvisorySources } from './create-advisory-sources';
import { ghsaRecords, recordedNpmBulkAnswer } from './test-support/real-advisories';
import { startFakeOsvServer } from './test-support/start-fake-osv-server';

const deps: Dependency[] = [
  { ecosystem: 'npm', name: 'lodash', version: '4.17.20', file: 'package-lock.json' },
  { ecosystem: 'npm', name: 'minimist', version: '1.2.0', file: 'package-lock.json' },
];

const configurationError = (run: () => unknown): ConfigurationError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('createAdvisorySources', () => {
  it('knows the kinds osv-api, osv-dir and npm', () => {
    expect(ADVISORY_SOURCE_KINDS).toEqual(['osv-api', 'osv-dir', 'npm']);
    expect(createAdvisorySources([{ kind: 'osv-api' }, { kind: 'osv-dir', path: 'osv/npm' }, { kind: 'npm', name: 'registry' }]).name).toBe('osv-api + osv-dir + registry');
  });

  it('refuses an unknown kind, listing the known ones', () => {
    const error = configurationError(() => createAdvisorySources([{ kind: 'osv-api' }, { kind: 'osv-ap1' }], {}, 'security.advisory-sources'));
    expect(error.message).toBe(
      'security.advisory-sources[1].kind: unknown advisory source kind "osv-ap1". Fix: Did you mean \'osv-api\'? Known kinds: osv-api, osv-dir, npm.',
    );
  });

  it.each([
    [{ kind: 'osv-dir' }, 'advisory-sources[0].path: is missing.'],
    [{ kind: 'npm', 'registry-url': 'ftp://mirror' }, 'advisory-sources[0].registry-url: expected an absolute http(s) URL (got "ftp://mirror").'],
    [{ kind: 'osv-api', retries: 50 }, 'advisory-sources[0].retries: Too big: expected number to be <=10 (got 50).'],
    [{ kind: 'osv-api', urll: 'https://osv.example' }, "advisory-sources[0]: unknown option 'urll'."],
  ])('names the setting of a bad option: %j', (spec, message) => {
    expect(configurationError(() => createAdvisorySources([spec])).message).toContain(message);
  });
});

describe('CombinedAdvisorySource', () => {
  it('gives one finding per dependency and vulnerability when npm and OSV both report it', async () => {
    const osv = await startFakeOsvServer(ghsaRecords());
    const answer = recordedNpmBulkAnswer();
    const registry = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'osv-dir-'));
    await writeFile(path.join(dir, 'GHSA-xvch-5gv4-984h.json'), JSON.stringify(ghsaRecords().find((record) => record.id === 'GHSA-xvch-5gv4-984h')));
    try {
      const source = createAdvisorySources([
        { kind: 'osv-api', url: osv.url },
        { kind: 'npm', 'registry-url': `http://127.0.0.1:${(registry.address() as AddressInfo).port}` },
        { kind: 'osv-dir', path: dir },
      ]);
      const lookup = await source.fetchAdvisories(deps);
      expect(lookup.problems).toEqual([]);
      const findings = matchAdvisories(deps, lookup.advisories);
      expect(findings.map((f) => `${f.packageName} ${f.advisoryId} ${f.severity} ${f.aliases.join(',')}`).sort()).toEqual([
        'lodash GHSA-29mw-wpgm-hmr9 medium CVE-2020-28500',
        'lodash GHSA-35jh-r3h4-6jhm high CVE-2021-23337',
        'minimist GHSA-vh95-rmgr-6w4m medium CVE-2020-7598',
        'minimist GHSA-xvch-5gv4-984h critical CVE-2021-44906',
      ]);
    } finally {
      await osv.close();
      await new Promise<void>((resolve) => registry.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps what the working sources found when another fails or throws', async () => {
    const working: AdvisorySource = { name: 'working', fetchAdvisories: async () => ({ advisories: [{ id: 'GHSA-a', aliases: [], severity: [], affected: [] }], problems: [] }) };
    const failing: AdvisorySource = { name: 'failing', fetchAdvisories: async () => ({ advisories: [], problems: ['failing: HTTP 503.'] }) };
    const throwing: AdvisorySource = { name: 'throwing', fetchAdvisories: () => Promise.reject(new TypeError('boom')) };
    const lookup = await new CombinedAdvisorySource([working, failing, throwing]).fetchAdvisories(deps);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-a']);
    expect(lookup.problems).toEqual(['failing: HTTP 503.', 'throwing: failed unexpectedly (boom); its advisories are missing from this scan.']);
  });

  it('says that nothing was checked when no source is configured', async () => {
    expect(await createAdvisorySources([]).fetchAdvisories(deps)).toEqual({ advisories: [], problems: ['No advisory source is configured, so no dependency was checked for known vulnerabilities.'] });
  });
});
