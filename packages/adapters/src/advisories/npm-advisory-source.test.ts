import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { matchAdvisories, osvAdvisorySchema, type Dependency } from '@safe-deploy/core';
import { ManualClock } from '../metrics/test-support/manual-clock';
import { NpmAdvisorySource } from './npm-advisory-source';
import { ghsaRecords, recordedNpmBulkAnswer } from './test-support/real-advisories';

const npm = (name: string, version: string, dev = false): Dependency => ({ ecosystem: 'npm', name, version, file: 'package-lock.json', ...(dev ? { dev } : {}) });
const BULK_PATH = '/-/npm/v1/security/advisories/bulk';

interface SeenBulk {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Record<string, string[]>;
}

/** A loopback registry whose bulk endpoint answers from `answer` (only the packages asked for, as npm does) or as scripted. */
async function startRegistry(answer: Record<string, unknown[]>, script: { status: number; retryAfter?: string }[] = []) {
  const seen: SeenBulk[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string[]>;
      seen.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body });
      const scripted = script.shift();
      if (scripted) {
        res.writeHead(scripted.status, scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {});
        return res.end();
      }
      if (req.method !== 'POST' || req.url !== BULK_PATH) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Object.fromEntries(Object.entries(answer).filter(([name]) => name in body))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const summary = (findings: ReturnType<typeof matchAdvisories>) => findings.map((f) => `${f.packageName}@${f.packageVersion} ${f.advisoryId} ${f.severity} fix ${f.fixedIn ?? '-'}`).sort();

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('NpmAdvisorySource', () => {
  const deps = [npm('lodash', '4.17.20'), npm('minimist', '1.2.0', true), { ecosystem: 'PyPI', name: 'django', version: '3.2.0', file: 'requirements.txt' } as Dependency];

  it('posts the npm packages with their versions and turns the recorded answer into findings with GHSA ids and severities', async () => {
    const registry = await startRegistry(recordedNpmBulkAnswer());
    close = registry.close;
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url }).fetchAdvisories(deps);

    expect(registry.seen).toEqual([{ method: 'POST', path: BULK_PATH, contentType: 'application/json', body: { lodash: ['4.17.20'], minimist: ['1.2.0'] } }]);
    expect(lookup.problems).toEqual([]);
    expect(summary(matchAdvisories(deps, lookup.advisories))).toEqual([
      'lodash@4.17.20 GHSA-29mw-wpgm-hmr9 medium fix 4.17.21',
      'lodash@4.17.20 GHSA-35jh-r3h4-6jhm high fix 4.17.21',
      'minimist@1.2.0 GHSA-xvch-5gv4-984h critical fix 1.2.6',
    ]);
    lookup.advisories.forEach((advisory) => expect(osvAdvisorySchema.parse(advisory)).toEqual(advisory));
  });

  it('finds what GitHub’s own OSV records of the same advisories find (ids, severities, fixes)', async () => {
    const registry = await startRegistry(recordedNpmBulkAnswer());
    close = registry.close;
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url }).fetchAdvisories(deps);
    const ids = new Set(lookup.advisories.map((a) => a.id));
    const github = ghsaRecords().map((record) => osvAdvisorySchema.parse(record)).filter((advisory) => ids.has(advisory.id));
    expect(github).toHaveLength(3);
    expect(summary(matchAdvisories(deps, lookup.advisories))).toEqual(summary(matchAdvisories(deps, github)));
  });

  it('merges npm’s several entries for one GHSA advisory (one per vulnerable branch) into one advisory', async () => {
    // npm lists GHSA-xvch-5gv4-984h once per range GitHub gives (ids 1097677 and 1097678 in npm's answers).
    const [entry] = recordedNpmBulkAnswer().minimist ?? [];
    const answer = { minimist: [{ ...entry, id: 1097677, vulnerable_versions: '<0.2.4' }, entry] };
    const registry = await startRegistry(answer);
    close = registry.close;
    const twoVersions = [npm('minimist', '0.0.8'), npm('minimist', '1.2.0'), npm('minimist', '1.2.6')];
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url }).fetchAdvisories(twoVersions);
    expect(registry.seen[0]?.body).toEqual({ minimist: ['0.0.8', '1.2.0', '1.2.6'] });
    expect(lookup.advisories).toHaveLength(1);
    expect(summary(matchAdvisories(twoVersions, lookup.advisories))).toEqual(['minimist@0.0.8 GHSA-xvch-5gv4-984h critical fix 0.2.4', 'minimist@1.2.0 GHSA-xvch-5gv4-984h critical fix 1.2.6']);
  });

  it('keeps each request to packagesPerRequest packages', async () => {
    const registry = await startRegistry({});
    close = registry.close;
    const many = ['a', 'b', 'c', 'd', 'e'].map((name) => npm(name, '1.0.0'));
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url, packagesPerRequest: 2 }).fetchAdvisories(many);
    expect(lookup).toEqual({ advisories: [], problems: [] });
    expect(registry.seen.map((r) => Object.keys(r.body))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('retries 503 and 429 (honouring Retry-After), then uses the answer', async () => {
    const registry = await startRegistry(recordedNpmBulkAnswer(), [{ status: 503 }, { status: 429, retryAfter: '3' }]);
    close = registry.close;
    const clock = new ManualClock();
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url }, { clock }).fetchAdvisories(deps);
    expect(lookup.problems).toEqual([]);
    expect(lookup.advisories).toHaveLength(3);
    expect(clock.sleeps).toEqual([1, 3]);
  });

  it('reports a registry that always fails as a problem, not as "no vulnerabilities"', async () => {
    const registry = await startRegistry({}, Array.from({ length: 10 }, () => ({ status: 502 })));
    close = registry.close;
    const clock = new ManualClock();
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url, retries: 2 }, { clock }).fetchAdvisories(deps);
    expect(lookup.advisories).toEqual([]);
    expect(lookup.problems).toEqual([`npm advisory endpoint: POST ${registry.url}${BULK_PATH}: HTTP 502 (3 attempts). Retrying later is likely to help. 2 npm packages were not checked.`]);
  });

  it('says what to do when the registry does not offer the endpoint (the read-only mirror these machines reach answers 405)', async () => {
    const registry = await startRegistry({}, [{ status: 405 }]);
    close = registry.close;
    const lookup = await new NpmAdvisorySource({ registryUrl: registry.url }).fetchAdvisories(deps);
    expect(lookup.advisories).toEqual([]);
    expect(lookup.problems[0]).toContain('HTTP 405. Retrying will not help until this is fixed. This registry, or a proxy in front of it, does not serve npm advisories');
    expect(registry.seen).toHaveLength(1);
  });

  it('asks nothing when there is no npm dependency', async () => {
    const fail: typeof fetch = () => Promise.reject(new Error('must not be called'));
    const lookup = await new NpmAdvisorySource({}, { fetch: fail }).fetchAdvisories([deps[2] as Dependency]);
    expect(lookup).toEqual({ advisories: [], problems: [] });
  });
});

// The real registry: set SAFE_DEPLOY_LIVE_NPM_ADVISORIES=1 where registry.npmjs.org answers POST (a runner, a laptop).
// The registry these machines reach is a read-only mirror that answers 405, so it does not run by default; when it
// runs and the registry cannot answer, it fails with the source's own problem.
const live = process.env.SAFE_DEPLOY_LIVE_NPM_ADVISORIES === '1' ? describe : describe.skip;
live('NpmAdvisorySource against registry.npmjs.org (SAFE_DEPLOY_LIVE_NPM_ADVISORIES=1)', () => {
  it('finds the real advisories of lodash 4.17.15 and minimist 1.2.0', async () => {
    const deps = [npm('lodash', '4.17.15'), npm('minimist', '1.2.0')];
    const started = performance.now();
    const lookup = await new NpmAdvisorySource({ retries: 1 }).fetchAdvisories(deps);
    const findings = matchAdvisories(deps, lookup.advisories);
    if (lookup.problems.length > 0) throw new Error(`The npm registry could not be asked: ${lookup.problems.join(' ')}`);
    console.log(`registry.npmjs.org: ${lookup.advisories.length} advisories, ${findings.length} findings in ${Math.round(performance.now() - started)} ms`);
    const found = new Map(findings.map((f) => [`${f.packageName} ${f.advisoryId}`, f]));
    // Long-published GHSA advisories with these severities in GitHub's database (see fixtures/ghsa).
    expect(found.get('lodash GHSA-35jh-r3h4-6jhm')).toMatchObject({ severity: 'high', fixedIn: '4.17.21' });
    expect(found.get('lodash GHSA-29mw-wpgm-hmr9')).toMatchObject({ severity: 'medium', fixedIn: '4.17.21' });
    expect(found.get('lodash GHSA-p6mc-m468-83gw')).toMatchObject({ severity: 'high' });
    expect(found.get('minimist GHSA-xvch-5gv4-984h')).toMatchObject({ severity: 'critical', fixedIn: '1.2.6' });
    expect(found.get('minimist GHSA-vh95-rmgr-6w4m')).toMatchObject({ severity: 'medium', fixedIn: '1.2.3' });
  });
});
