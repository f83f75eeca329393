import { describe, expect, it } from '@jest/globals';
import { readGitHubSubset } from '../openapi/openapi-document';
import { routeTable } from './route-table';

describe('routeTable', () => {
  it('has exactly one handler per operation of the OpenAPI subset', () => {
    const operations = Object.values(readGitHubSubset().paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(Object.keys(routeTable).sort()).toEqual(operations.sort());
  });
});
