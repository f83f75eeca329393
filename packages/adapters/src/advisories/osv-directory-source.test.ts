import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { matchAdvisories, npmAdvisoryToOsv, type Dependency } from '@safe-deploy/core';
import { NpmAdvisorySource } from './npm-advisory-source';
import { OsvDirectorySource } from './osv-directory-source';
import { ghsaRecords, recordedNpmBulkAnswer } from './test-support/real-advisories';
import { writeZip } from './test-support/write-zip';

const npm = (name: string, version: string): Dependency => ({ ecosystem: 'npm', name, version, file: 'package-lock.json' });
const deps = [npm('lodash', '4.17.20'), npm('minimist', '1.2.0')];
const summary = (findings: ReturnType<typeof matchAdvisories>) => findings.map((f) => `${f.packageName}@${f.packageVersion} ${f.advisoryId} ${f.severity} fix ${f.fixedIn ?? '-'}`).sort();
const json = (value: unknown) => JSON.stringify(value, null, 2);
const byId = (id: string) => ghsaRecords().find((record) => record.id === id);
/** The same archive, its end record claiming to be disk 1 of a set. */
const multiDisk = (zip: Buffer) => {
  const copy = Buffer.from(zip);
  copy.writeUInt16LE(1, copy.length - 22 + 4);
  return copy;
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'osv-dir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The recorded npm answer served on loopback, so the npm source and the directory see the same advisories. */
async function withRegistry<T>(use: (url: string) => Promise<T>): Promise<T> {
  const answer = recordedNpmBulkAnswer();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** An offline database built now from the npm answer, converted to OSV and laid out as OSV's exports are (one file per advisory). */
async function buildDatabaseFromNpm(root: string): Promise<void> {
  const answer = recordedNpmBulkAnswer();
  for (const [name, entries] of Object.entries(answer)) {
    await mkdir(path.join(root, 'npm', name), { recursive: true });
    for (const entry of entries) {
      const versions = deps.filter((dep) => dep.name === name).map((dep) => dep.version);
      const advisory = npmAdvisoryToOsv(name, entry, versions);
      await writeFile(path.join(root, 'npm', name, `${advisory.id}.json`), json(advisory));
    }
  }
}

describe('OsvDirectorySource', () => {
  it('finds, in a database built from npm advisories, the same vulnerabilities as the npm source, despite a broken file', async () => {
    await buildDatabaseFromNpm(dir);
    await writeFile(path.join(dir, 'npm', 'broken.json'), '{"id": "GHSA-cut-off", "affected": [');
    await writeFile(path.join(dir, 'npm', 'not-osv.json'), json({ name: 'a package.json, not an advisory' }));
    await writeFile(path.join(dir, 'README.txt'), 'ignored: neither .json nor .zip');

    const offline = await new OsvDirectorySource({ path: dir }).fetchAdvisories(deps);
    const online = await withRegistry((url) => new NpmAdvisorySource({ registryUrl: url }).fetchAdvisories(deps));

    expect(online.problems).toEqual([]);
    expect(summary(matchAdvisories(deps, offline.advisories))).toEqual(summary(matchAdvisories(deps, online.advisories)));
    expect(summary(matchAdvisories(deps, offline.advisories))).toEqual([
      'lodash@4.17.20 GHSA-29mw-wpgm-hmr9 medium fix 4.17.21',
      'lodash@4.17.20 GHSA-35jh-r3h4-6jhm high fix 4.17.21',
      'minimist@1.2.0 GHSA-xvch-5gv4-984h critical fix 1.2.6',
    ]);
    expect(offline.problems).toHaveLength(2);
    expect(offline.problems[0]).toMatch(/^Offline OSV database: npm\/broken\.json is not valid JSON \(.+\); skipped, the other files were used\.$/);
    expect(offline.problems[1]).toBe('Offline OSV database: npm/not-osv.json is not an OSV advisory (id: Invalid input: expected string, received undefined); skipped, the other files were used.');
  });

  it('reads zips inside the directory (stored and deflated entries) and a zip given as the path, like OSV’s all.zip', async () => {
    const zip = writeZip([
      { name: 'GHSA-vh95-rmgr-6w4m.json', content: json(byId('GHSA-vh95-rmgr-6w4m')) },
      { name: 'GHSA-xvch-5gv4-984h.json', content: json(byId('GHSA-xvch-5gv4-984h')), method: 'store' },
      { name: 'GHSA-p6mc-m468-83gw.json', content: json(byId('GHSA-p6mc-m468-83gw')) },
      { name: 'notes/', content: '' },
    ]);
    await mkdir(path.join(dir, 'nested'));
    await writeFile(path.join(dir, 'nested', 'all.zip'), zip);

    const inside = await new OsvDirectorySource({ path: dir }).fetchAdvisories(deps);
    const asPath = await new OsvDirectorySource({ path: path.join(dir, 'nested', 'all.zip') }).fetchAdvisories(deps);
    for (const lookup of [inside, asPath]) {
      expect(lookup.problems).toEqual([]);
      expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-p6mc-m468-83gw', 'GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
      expect(summary(matchAdvisories(deps, lookup.advisories))).toEqual(['minimist@1.2.0 GHSA-vh95-rmgr-6w4m medium fix 1.2.3', 'minimist@1.2.0 GHSA-xvch-5gv4-984h critical fix 1.2.6']);
    }
  });

  it('reads a zip64 archive (counts and offsets in the zip64 records, as exports of over 65,535 files have them)', async () => {
    const zip = writeZip([{ name: 'a/GHSA-xvch-5gv4-984h.json', content: json(byId('GHSA-xvch-5gv4-984h')) }, { name: 'b/GHSA-vh95-rmgr-6w4m.json', content: json(byId('GHSA-vh95-rmgr-6w4m')) }], { zip64: true });
    await writeFile(path.join(dir, 'all.zip'), zip);
    const lookup = await new OsvDirectorySource({ path: path.join(dir, 'all.zip') }).fetchAdvisories(deps);
    expect(lookup).toMatchObject({ problems: [] });
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
  });

  it('returns only the advisories that name a package asked about', async () => {
    await writeFile(path.join(dir, 'all.zip'), writeZip(ghsaRecords().map((record) => ({ name: `${String(record.id)}.json`, content: json(record) }))));
    const lookup = await new OsvDirectorySource({ path: dir }).fetchAdvisories([npm('lodash-es', '4.17.0')]);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    const none = await new OsvDirectorySource({ path: dir }).fetchAdvisories([npm('left-pad', '1.3.0')]);
    expect(none).toEqual({ advisories: [], problems: [] });
  });

  it('matches PyPI names as PEP 503 normalises them', async () => {
    const advisory = { id: 'PYSEC-TEST-1', affected: [{ package: { ecosystem: 'PyPI', name: 'Flask_SQLAlchemy' }, versions: ['2.5.1'] }] };
    await writeFile(path.join(dir, 'PYSEC-TEST-1.json'), json(advisory));
    const lookup = await new OsvDirectorySource({ path: dir }).fetchAdvisories([{ ecosystem: 'PyPI', name: 'flask-sqlalchemy', version: '2.5.1', file: 'requirements.txt' }]);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['PYSEC-TEST-1']);
  });

  it.each([
    ['a multi-disk archive', multiDisk(writeZip([{ name: 'a.json', content: '{}' }])), /archive\.zip cannot be read as a zip: it is split over several files \(multi-disk zip\), which is not supported; its advisories are missing\.$/],
    ['not a zip at all', Buffer.from('PK but not really'), /archive\.zip cannot be read as a zip: it is not a zip archive/],
  ])('reports %s as a problem', async (_label, bytes, problem) => {
    await writeFile(path.join(dir, 'GHSA-vh95-rmgr-6w4m.json'), json(byId('GHSA-vh95-rmgr-6w4m')));
    await writeFile(path.join(dir, 'archive.zip'), bytes);
    const lookup = await new OsvDirectorySource({ path: dir }).fetchAdvisories(deps);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-vh95-rmgr-6w4m']);
    expect(lookup.problems).toHaveLength(1);
    expect(lookup.problems[0]).toMatch(problem);
  });

  it('reports an encrypted or damaged entry by name and reads the rest of the zip', async () => {
    const zip = writeZip([
      { name: 'secret.json', content: json(byId('GHSA-35jh-r3h4-6jhm')), encrypted: true },
      { name: 'damaged.json', content: json(byId('GHSA-29mw-wpgm-hmr9')), badCrc: true },
      { name: 'good.json', content: json(byId('GHSA-xvch-5gv4-984h')) },
    ]);
    await writeFile(path.join(dir, 'db.zip'), zip);
    const lookup = await new OsvDirectorySource({ path: dir }).fetchAdvisories(deps);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(lookup.problems).toEqual([
      'Offline OSV database: db.zip!secret.json cannot be read: it is encrypted; skipped.',
      'Offline OSV database: db.zip!damaged.json cannot be read: its size or CRC-32 does not match the directory (damaged archive); skipped.',
    ]);
  });

  it('says so when the path does not exist or holds no advisory, instead of reporting no vulnerabilities', async () => {
    const missing = await new OsvDirectorySource({ path: path.join(dir, 'nope') }).fetchAdvisories(deps);
    expect(missing).toEqual({ advisories: [], problems: [`Offline OSV database ${path.join(dir, 'nope')}: cannot be read (ENOENT), so no dependency was checked against it. Retrying will not help until the path is fixed.`] });
    const empty = await new OsvDirectorySource({ path: dir }).fetchAdvisories(deps);
    expect(empty.advisories).toEqual([]);
    expect(empty.problems).toEqual([`Offline OSV database ${dir}: holds no readable OSV advisory (0 files looked at), so no dependency was checked against it. Point it at an unpacked or zipped OSV export (e.g. npm/all.zip).`]);
  });
});
