import { describe, expect, it } from '@jest/globals';
import { OpenApiValidator } from './openapi-validator';

const validator = new OpenApiValidator();
const R = '/repos/acme/shop';

function check(method: string, rawPath: string, body: unknown = undefined, query = '') {
  return validator.checkRequest({ method, rawPath, query: new URLSearchParams(query), body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('OpenApiValidator.checkRequest', () => {
  it.each([
    ['a valid deployment', 'POST', `${R}/deployments`, { ref: 'main', payload: { a: 1 } }, '', true, undefined],
    ['a deployment without ref', 'POST', `${R}/deployments`, { environment: 'x' }, '', false, 422],
    ['a deployment with a numeric payload', 'POST', `${R}/deployments`, { ref: 'main', payload: 5 }, '', false, 422],
    ['a nullable description set to null', 'POST', `${R}/deployments`, { ref: 'main', description: null }, '', true, undefined],
    ['an unknown status state', 'POST', `${R}/deployments/1/statuses`, { state: 'exploded' }, '', false, 422],
    ['a body that is not JSON', 'POST', `${R}/deployments/1/statuses`, '{state:', '', false, 400],
    ['a non-integer deployment id', 'GET', `${R}/deployments/abc`, undefined, '', false, 404],
    ['an unknown query param (ignored)', 'GET', `${R}/deployments`, undefined, 'foo=bar', true, undefined],
    ['a query enum violation', 'GET', `${R}/issues`, undefined, 'state=sideways', false, 422],
    ['a null state_reason (nullable enum)', 'PATCH', `${R}/issues/1`, { state_reason: null }, '', true, undefined],
  ])('%s', (_name, method, path, body, query, ok, status) => {
    const result = check(method, path, body, query);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.status).toBe(status);
  });

  it('coerces query and path params to their schema types', () => {
    const result = check('GET', `${R}/deployments/12/statuses`, undefined, 'per_page=5&page=2');
    expect(result).toMatchObject({ ok: true, params: { deployment_id: 12 }, query: { per_page: 5, page: 2 } });
  });
});

describe('OpenApiValidator.checkResponse', () => {
  it.each([
    ['an undeclared success status', 'repos/create-deployment', 200, {}, ['status 200 is not declared for repos/create-deployment (declared: 201, 202, 409, 422)']],
    ['a universal error with an error body', 'repos/list-deployments', 404, { message: 'Not Found' }, []],
    ['a universal error without a message', 'repos/list-deployments', 404, {}, ["404 body must have required property 'message'"]],
    ['a 204 with a body', 'repos/delete-deployment', 204, {}, ['a 204 response must not have a body']],
    ['a declared 409 without a schema', 'repos/create-deployment', 409, { message: 'Conflict' }, []],
    ['a label missing fields', 'issues/get-label', 200, { id: 1, name: 'x' }, expect.arrayContaining(["200 body must have required property 'node_id'"])],
  ])('%s', (_name, operationId, status, body, expected) => {
    expect(validator.checkResponse(operationId, status, body)).toEqual(expected);
  });
});
