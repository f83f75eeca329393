import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { startLocalGitHub, type LocalGitHub } from './index';
import { startLocalGitHubServer } from './server/start-server';
import { closeAndReport, failureOf, octokitFor, SHOP_SEED, SILENT_LOG, steppingClock } from './test-fixtures';

const repo = { owner: 'acme', repo: 'shop' };

describe('faults', () => {
  let server: LocalGitHub;
  beforeAll(async () => {
    server = await startLocalGitHub({ seed: SHOP_SEED });
  });
  afterAll(async () => {
    expect(await closeAndReport(server)).toEqual([]);
  });

  it.each([500, 502, 503])('a %i fault answers once, then the request succeeds', async (status) => {
    const octokit = octokitFor(server);
    server.injectFault({ kind: 'status', status, method: 'GET', path: '/deployments$' });
    expect((await failureOf(octokit.rest.repos.listDeployments({ ...repo })))?.status).toBe(status);
    expect((await octokit.rest.repos.listDeployments({ ...repo })).status).toBe(200);
  });

  it('matches faults by method and path, and consumes `times` uses', async () => {
    const octokit = octokitFor(server);
    server.injectFault({ kind: 'status', status: 500, method: 'POST', path: 'labels', times: 2 });
    expect((await octokit.rest.issues.listLabelsForRepo({ ...repo })).status).toBe(200);
    expect((await failureOf(octokit.rest.issues.createLabel({ ...repo, name: 'x' })))?.status).toBe(500);
    expect((await failureOf(octokit.rest.issues.createLabel({ ...repo, name: 'x' })))?.status).toBe(500);
    expect((await octokit.rest.issues.createLabel({ ...repo, name: 'x' })).status).toBe(201);
  });

  it('answers a secondary rate limit the way @octokit/plugin-throttling recognises', async () => {
    server.injectFault({ kind: 'secondary-rate-limit', retryAfter: 1 });
    const raw = await failureOf(octokitFor(server).rest.repos.get({ ...repo }));
    expect(raw?.status).toBe(403);
    expect(raw?.headers['retry-after']).toBe('1');
    expect(raw?.data).toMatchObject({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });

    server.injectFault({ kind: 'secondary-rate-limit', retryAfter: 1 });
    const retried: number[] = [];
    const Throttled = Octokit.plugin(throttling);
    const throttled = new Throttled({
      auth: 'test-token',
      baseUrl: server.url,
      log: SILENT_LOG,
      throttle: { onRateLimit: () => false, onSecondaryRateLimit: (retryAfter: number) => { retried.push(retryAfter); return true; } },
    });
    expect((await throttled.rest.repos.get({ ...repo })).status).toBe(200);
    expect(retried).toEqual([1]);
  });

  it('delays a matching request by the given ms', async () => {
    server.injectFault({ kind: 'delay', ms: 300, path: '/repos/acme/shop$' });
    const started = Date.now();
    await octokitFor(server).rest.repos.get({ ...repo });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('rejects an invalid fault with the accepted shapes', () => {
    expect(() => server.injectFault({ kind: 'explode' } as never)).toThrow(/kind: 'status', status/);
  });
});

describe('authentication and rate limits', () => {
  let server: LocalGitHub;
  beforeAll(async () => {
    server = await startLocalGitHub({ seed: SHOP_SEED, rateLimit: 3, tokens: ['good'], now: () => new Date('2024-06-01T00:00:00Z') });
  });
  afterAll(async () => {
    expect(await closeAndReport(server)).toEqual([]);
  });

  it.each([
    [undefined, 'Requires authentication'],
    ['bad', 'Bad credentials'],
  ])('token %s answers 401 %s', async (token, message) => {
    const octokit = new Octokit({ baseUrl: server.url, log: SILENT_LOG, ...(token ? { auth: token } : {}) });
    const failure = await failureOf(octokit.rest.repos.get({ ...repo }));
    expect(failure?.status).toBe(401);
    expect(failure?.data).toMatchObject({ message });
    expect(failure?.headers['x-ratelimit-limit']).toBe('60');
  });

  it('counts down x-ratelimit-remaining, keeps /rate_limit free and answers 403 when exhausted', async () => {
    const octokit = octokitFor(server, 'good');
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) remaining.push(String((await octokit.rest.repos.get({ ...repo })).headers['x-ratelimit-remaining']));
    expect(remaining).toEqual(['2', '1', '0']);
    const { data } = await octokit.rest.rateLimit.get();
    expect(data.resources.core).toMatchObject({ limit: 3, remaining: 0, used: 3, reset: Date.parse('2024-06-01T01:00:00Z') / 1000 });
    const exhausted = await failureOf(octokit.rest.repos.get({ ...repo }));
    expect(exhausted?.status).toBe(403);
    expect(exhausted?.headers['x-ratelimit-remaining']).toBe('0');
    expect((exhausted?.data as { message: string }).message).toMatch(/^API rate limit exceeded/);
  });
});

describe('OpenAPI validation', () => {
  let server: LocalGitHub;
  beforeAll(async () => {
    server = await startLocalGitHubServer({ seed: SHOP_SEED, now: steppingClock() }, {
      // Breaks GET /deployments/{id} on purpose: a response without `sha` must be caught.
      transformReply: (operationId, reply) => {
        if (operationId !== 'repos/get-deployment') return reply;
        const body = { ...(reply.body as Record<string, unknown>) };
        delete body.sha;
        return { ...reply, body };
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 422 for a body the description rejects and records a request violation', async () => {
    const octokit = octokitFor(server);
    const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] });
    server.resetLog();
    const failure = await failureOf(octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { ...repo, deployment_id: (data as { id: number }).id, state: 'exploded' } as never));
    expect(failure?.status).toBe(422);
    expect((failure?.data as { message: string }).message).toMatch(/^Invalid request\.\n\nFor 'properties\/state', "exploded" is not one of/);
    const missingRef = await failureOf(octokit.request('POST /repos/{owner}/{repo}/deployments', { ...repo } as never));
    expect((missingRef?.data as { message: string }).message).toBe('Invalid request.\n\n"ref" wasn\'t supplied.');
    expect(server.violations().map((v) => [v.kind, v.status, v.errors])).toEqual([
      ['request', 422, ['body/state must be equal to one of the allowed values (error, failure, inactive, in_progress, queued, pending, success)']],
      ['request', 422, ["body must have required property 'ref'"]],
    ]);
  });

  it('answers 404 for an unknown route and records it', async () => {
    server.resetLog();
    const failure = await failureOf(octokitFor(server).request('GET /repos/{owner}/{repo}/environments', { ...repo }));
    expect(failure?.status).toBe(404);
    expect(failure?.data).toMatchObject({ message: 'Not Found' });
    expect(server.violations()).toEqual([{ kind: 'unknown-route', method: 'GET', path: '/repos/acme/shop/environments', status: 404, errors: ['no operation for GET /repos/acme/shop/environments'] }]);
  });

  it('catches a response that breaks the schema and answers 500', async () => {
    const octokit = octokitFor(server);
    const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [], environment: 'broken' });
    server.resetLog();
    const failure = await failureOf(octokit.rest.repos.getDeployment({ ...repo, deployment_id: (data as { id: number }).id }));
    expect(failure?.status).toBe(500);
    expect(server.violations()).toEqual([expect.objectContaining({ kind: 'response', status: 200, errors: ["200 body must have required property 'sha'"] })]);
  });

  it('logs every API request but not control requests', async () => {
    server.resetLog();
    await octokitFor(server).rest.repos.get({ ...repo });
    await fetch(`${server.url}/_local/state`);
    expect(server.requests()).toEqual([{ method: 'GET', path: '/repos/acme/shop', status: 200, at: expect.any(String) }]);
  });
});
