import { describe, expect, it } from '@jest/globals';
import { compileRoutes, matchOperation } from './operation-matcher';
import { readGitHubSubset } from './openapi-document';

const routes = compileRoutes(readGitHubSubset());
const R = '/repos/acme/shop';

describe('matchOperation', () => {
  it.each([
    ['GET', R, 'repos/get', {}],
    ['GET', '/rate_limit', 'rate-limit/get', {}],
    ['GET', `${R}/git/ref/heads/feature/x`, 'git/get-ref', { ref: 'heads/feature/x' }],
    ['GET', `${R}/git/ref/heads%2Ffeature%2Fx`, 'git/get-ref', { ref: 'heads/feature/x' }],
    ['PATCH', `${R}/git/refs/heads/a/b/c`, 'git/update-ref', { ref: 'heads/a/b/c' }],
    ['GET', `${R}/git/matching-refs/tags/v1`, 'git/list-matching-refs', { ref: 'tags/v1' }],
    ['GET', `${R}/compare/main...feature/y`, 'repos/compare-commits-with-basehead', { basehead: 'main...feature/y' }],
    ['GET', `${R}/commits/feature/y`, 'repos/get-commit', { ref: 'feature/y' }],
    ['GET', `${R}/commits/feature/y/status`, 'repos/get-combined-status-for-ref', { ref: 'feature/y' }],
    ['GET', `${R}/issues/comments/7`, undefined, {}],
    ['PATCH', `${R}/issues/comments/7`, 'issues/update-comment', { comment_id: '7' }],
    ['PATCH', `${R}/issues/7`, 'issues/update', { issue_number: '7' }],
    ['GET', `${R}/labels/needs%20review`, 'issues/get-label', { name: 'needs review' }],
    ['PUT', `${R}/deployments`, undefined, {}],
    ['GET', `${R}/environments`, undefined, {}],
  ])('%s %s → %s', (method, path, operationId, params) => {
    const match = matchOperation(routes, method, path);
    expect(match?.route.operation.operationId).toBe(operationId);
    if (match) expect(match.params).toEqual(path.startsWith(R) ? { owner: 'acme', repo: 'shop', ...params } : params);
  });
});
