import { afterEach, describe, expect, it } from '@jest/globals';
import { matchAdvisories, type Dependency } from '@safe-deploy/core';
import { ManualClock } from '../metrics/test-support/manual-clock';
import { deadUrl } from '../metrics/test-support/start-scripted-server';
import { OsvApiSource } from './osv-api-source';
import { ghsaRecords } from './test-support/real-advisories';
import { startFakeOsvServer, type FakeOsvServer } from './test-support/start-fake-osv-server';

const npm = (name: string, version: string, file = 'package-lock.json'): Dependency => ({ ecosystem: 'npm', name, version, file });
const deps = [npm('lodash', '4.17.20'), npm('lodash', '4.17.20', 'web/package-lock.json'), npm('minimist', '1.2.0'), npm('left-pad', '1.3.0')];

let server: FakeOsvServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const summary = (findings: ReturnType<typeof matchAdvisories>) =>
  findings.map((f) => `${f.file} ${f.packageName}@${f.packageVersion} ${f.advisoryId} ${f.severity} fix ${f.fixedIn ?? '-'}`).sort();

describe('OsvApiSource', () => {
  it('asks querybatch once per distinct package version, follows every page, then reads each advisory named', async () => {
    server = await startFakeOsvServer(ghsaRecords(), { pageSize: 1 });
    const clock = new ManualClock();
    const lookup = await new OsvApiSource({ baseUrl: server.url }, { clock }).fetchAdvisories(deps);

    expect(lookup.problems).toEqual([]);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    // What the user sees: real GHSA severities and fixes (p6mc is fixed in 4.17.20 in this record, so not reported).
    expect(summary(matchAdvisories(deps, lookup.advisories))).toEqual([
      'package-lock.json lodash@4.17.20 GHSA-29mw-wpgm-hmr9 medium fix 4.17.21',
      'package-lock.json lodash@4.17.20 GHSA-35jh-r3h4-6jhm high fix 4.17.21',
      'package-lock.json minimist@1.2.0 GHSA-vh95-rmgr-6w4m medium fix 1.2.3',
      'package-lock.json minimist@1.2.0 GHSA-xvch-5gv4-984h critical fix 1.2.6',
      'web/package-lock.json lodash@4.17.20 GHSA-29mw-wpgm-hmr9 medium fix 4.17.21',
      'web/package-lock.json lodash@4.17.20 GHSA-35jh-r3h4-6jhm high fix 4.17.21',
    ]);
    const batches = server.requests.filter((r) => r.path === '/v1/querybatch');
    expect(batches.map((r) => r.body)).toEqual([
      {
        queries: [
          { package: { name: 'lodash', ecosystem: 'npm' }, version: '4.17.20' },
          { package: { name: 'minimist', ecosystem: 'npm' }, version: '1.2.0' },
          { package: { name: 'left-pad', ecosystem: 'npm' }, version: '1.3.0' },
        ],
      },
      // One advisory per page: the second page of the two queries that had more.
      {
        queries: [
          { package: { name: 'lodash', ecosystem: 'npm' }, version: '4.17.20', page_token: '1' },
          { package: { name: 'minimist', ecosystem: 'npm' }, version: '1.2.0', page_token: '1' },
        ],
      },
    ]);
    expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path).sort()).toEqual([
      '/v1/vulns/GHSA-29mw-wpgm-hmr9',
      '/v1/vulns/GHSA-35jh-r3h4-6jhm',
      '/v1/vulns/GHSA-vh95-rmgr-6w4m',
      '/v1/vulns/GHSA-xvch-5gv4-984h',
    ]);
    expect(clock.sleeps).toEqual([]);
  });

  it('splits the queries into batches of at most batchSize, and bounds the advisory reads in flight', async () => {
    server = await startFakeOsvServer(ghsaRecords(), { vulnDelayMs: 30 });
    const lookup = await new OsvApiSource({ baseUrl: server.url, batchSize: 2, concurrency: 2 }).fetchAdvisories(deps);
    expect(lookup.advisories).toHaveLength(4);
    expect(server.requests.filter((r) => r.path === '/v1/querybatch').map((r) => (r.body as { queries: unknown[] }).queries.length)).toEqual([2, 1]);
    expect(server.maxConcurrentVulnRequests()).toBe(2);
  });

  it('retries a 503 after the wait Retry-After asks for, then succeeds', async () => {
    server = await startFakeOsvServer(ghsaRecords());
    server.failNext(2, 503, '7');
    const clock = new ManualClock();
    const lookup = await new OsvApiSource({ baseUrl: server.url }, { clock }).fetchAdvisories(deps);
    expect(lookup.problems).toEqual([]);
    expect(lookup.advisories).toHaveLength(4);
    expect(clock.sleeps).toEqual([7, 7]);
  });

  it('backs off exponentially on 429 without Retry-After', async () => {
    server = await startFakeOsvServer(ghsaRecords());
    server.failNext(3, 429);
    const clock = new ManualClock();
    const lookup = await new OsvApiSource({ baseUrl: server.url }, { clock }).fetchAdvisories(deps);
    expect(lookup.advisories).toHaveLength(4);
    expect(clock.sleeps).toEqual([1, 2, 4]);
  });

  it('reports a server that always fails as a problem, not as "no vulnerabilities"', async () => {
    server = await startFakeOsvServer(ghsaRecords());
    server.failNext(100, 503);
    const clock = new ManualClock();
    const lookup = await new OsvApiSource({ baseUrl: server.url, retries: 2 }, { clock }).fetchAdvisories(deps);
    expect(lookup.advisories).toEqual([]);
    expect(lookup.problems).toEqual([
      `OSV API: POST ${server.url}/v1/querybatch: HTTP 503 ({"code":14,"message":"unavailable"}) (3 attempts). Retrying later is likely to help. 3 package versions were not checked.`,
    ]);
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it('reports a refused connection, after retrying it', async () => {
    const url = await deadUrl('');
    const clock = new ManualClock();
    const lookup = await new OsvApiSource({ baseUrl: url, retries: 1 }, { clock }).fetchAdvisories(deps);
    expect(lookup.advisories).toEqual([]);
    expect(lookup.problems).toHaveLength(1);
    expect(lookup.problems[0]).toMatch(/^OSV API: POST http:\/\/127\.0\.0\.1:\d+\/v1\/querybatch: no answer \(ECONNREFUSED\) \(2 attempts\)\. Retrying later is likely to help\./);
  });

  it('keeps the advisories it could read when one cannot be, and says how many are missing', async () => {
    server = await startFakeOsvServer(ghsaRecords());
    const gone = '/v1/vulns/GHSA-xvch-5gv4-984h';
    // The batch names the advisory, but reading it answers 404 (withdrawn from the mirror between the two requests).
    const fetchWithOneGone: typeof fetch = (input, init) =>
      String(input).endsWith(gone) ? Promise.resolve(new Response('{"code":5,"message":"Bug not found."}', { status: 404 })) : fetch(input, init);
    const lookup = await new OsvApiSource({ baseUrl: server.url }, { fetch: fetchWithOneGone }).fetchAdvisories(deps);
    expect(lookup.advisories.map((a) => a.id)).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-vh95-rmgr-6w4m']);
    expect(lookup.problems).toEqual([
      `OSV API: 1 of 4 advisories named by querybatch could not be read, so findings may be missing; first: OSV API: GET ${server.url}${gone}: HTTP 404 ({"code":5,"message":"Bug not found."}). Retrying will not help until this is fixed.`,
    ]);
  });

  it('rejects an answer without the documented shape at once, naming where it differs', async () => {
    const clock = new ManualClock();
    const fakeFetch: typeof fetch = async () => new Response(JSON.stringify({ result: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    const lookup = await new OsvApiSource({ baseUrl: 'https://osv.example' }, { fetch: fakeFetch, clock }).fetchAdvisories(deps);
    expect(lookup.problems).toEqual([
      'OSV API: POST https://osv.example/v1/querybatch: the answer does not have the documented shape at results: Invalid input: expected array, received undefined. Retrying will not help until this is fixed. 3 package versions were not checked.',
    ]);
    expect(clock.sleeps).toEqual([]);
  });
});
