import { readFileSync } from 'node:fs';

/** A JSON Schema / OpenAPI schema object, loosely typed: it is data for ajv. */
export type SchemaObject = Record<string, unknown>;

/** An OpenAPI parameter (after `$ref` resolution). */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
  'x-multi-segment'?: boolean;
}

/** An OpenAPI response (after `$ref` resolution). */
export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: SchemaObject }>;
}

/** The parts of an OpenAPI operation the validator reads. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
  externalDocs?: { url?: string };
}

/** An OpenAPI 3.0 document (the subset the validator reads). */
export interface OpenApiDocument {
  openapi: string;
  info: { version: string; 'x-source'?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}

const SUBSET = new URL('../../../openapi/github-subset.json', import.meta.url);

/** Reads the committed GitHub OpenAPI subset (regenerate with `npm run openapi:extract`). */
export function readGitHubSubset(): OpenApiDocument {
  return JSON.parse(readFileSync(SUBSET, 'utf8')) as OpenApiDocument;
}

/** Resolves a local `#/components/<kind>/<name>` reference, or returns the object itself. */
export function deref<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(value.$ref);
    const target = match ? doc.components[match[1] ?? '']?.[match[2] ?? ''] : undefined;
    if (target === undefined) throw new Error(`Dangling $ref ${value.$ref} in the OpenAPI subset; re-run npm run openapi:extract.`);
    return deref(doc, target as T | { $ref: string });
  }
  return value as T;
}
