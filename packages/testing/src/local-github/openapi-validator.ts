import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './openapi/create-ajv';
import { normalizeSchema, COMPONENTS_ID } from './openapi/normalize-schema';
import { deref, readGitHubSubset, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter, type OpenApiResponse, type SchemaObject } from './openapi/openapi-document';
import { compileRoutes, matchOperation, type OperationRoute } from './openapi/operation-matcher';
import { describeErrors, renderInvalidRequestMessage } from './openapi/validation-messages';

/** The parts of an HTTP request the validator checks. */
export interface RequestParts {
  method: string;
  /** The raw, still percent-encoded path without the query string. */
  rawPath: string;
  query: URLSearchParams;
  /** The raw body text ('' when none). */
  body: string;
}

/** A request that passed, with coerced params and parsed body; or why GitHub would reject it. */
export type RequestCheck =
  | { ok: true; operationId: string; documentationUrl: string; params: Record<string, unknown>; query: Record<string, unknown>; body: unknown }
  | { ok: false; kind: 'request' | 'unknown-route'; status: number; message: string; documentationUrl: string; errors: string[] };

const FALLBACK_DOCS = 'https://docs.github.com/rest';
// GitHub's description leaves out the errors every endpoint can answer (auth, rate limits, not
// found, validation, outages); these are accepted anywhere as long as the body is an error body.
const UNIVERSAL_ERRORS = new Set([400, 401, 403, 404, 422, 500, 502, 503]);
const ERROR_BODY = { allOf: [{ $ref: `${COMPONENTS_ID}#/components/schemas/basic-error` }, { type: 'object', required: ['message'] }] };

/** Checks requests and responses against GitHub's OpenAPI description; schemas compile lazily, once. */
export class OpenApiValidator {
  private readonly routes: OperationRoute[];
  private readonly byId = new Map<string, OperationRoute>();
  private readonly strictAjv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument = readGitHubSubset()) {
    this.routes = compileRoutes(doc);
    for (const route of this.routes) this.byId.set(route.operation.operationId, route);
    this.strictAjv = createAjv(doc, false);
    this.coercingAjv = createAjv(doc, true);
  }

  /** The documentation URL GitHub puts in error bodies for an operation. */
  documentationUrl(operationId: string | undefined): string {
    return (operationId && this.byId.get(operationId)?.operation.externalDocs?.url) || FALLBACK_DOCS;
  }

  private compile(key: string, ajv: Ajv, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = ajv.compile(normalizeSchema(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private parameters(operation: OpenApiOperation, where: 'path' | 'query'): OpenApiParameter[] {
    return (operation.parameters ?? []).map((p) => deref<OpenApiParameter>(this.doc, p)).filter((p) => p.in === where);
  }

  private paramsSchema(operation: OpenApiOperation, where: 'path' | 'query'): SchemaObject {
    const params = this.parameters(operation, where);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
  }

  /**
   * Checks a request. Decides by, in order: a known route and method (else 404 `unknown-route`);
   * path params (404, as GitHub answers e.g. /deployments/abc); declared query params, coerced from
   * strings, unknown ones ignored (422); the JSON body against the requestBody schema (400 for
   * unparsable JSON, 422 otherwise). A missing body is checked as `{}` so required fields are named.
   */
  checkRequest(parts: RequestParts): RequestCheck {
    const match = matchOperation(this.routes, parts.method, parts.rawPath);
    if (!match) return { ok: false, kind: 'unknown-route', status: 404, message: 'Not Found', documentationUrl: FALLBACK_DOCS, errors: [`no operation for ${parts.method} ${parts.rawPath}`] };
    const { operation } = match.route;
    const id = operation.operationId;
    const documentationUrl = this.documentationUrl(id);
    const reject = (status: number, message: string, errors: string[]): RequestCheck => ({ ok: false, kind: 'request', status, message, documentationUrl, errors });

    const params: Record<string, unknown> = { ...match.params };
    const checkPath = this.compile(`${id} path`, this.coercingAjv, this.paramsSchema(operation, 'path'));
    if (!checkPath(params)) return reject(404, 'Not Found', describeErrors('path', checkPath.errors ?? []));

    const query: Record<string, unknown> = {};
    for (const p of this.parameters(operation, 'query')) {
      const value = parts.query.get(p.name);
      if (value !== null) query[p.name] = value;
    }
    const checkQuery = this.compile(`${id} query`, this.coercingAjv, this.paramsSchema(operation, 'query'));
    if (!checkQuery(query)) return reject(422, renderInvalidRequestMessage(checkQuery.errors ?? []), describeErrors('query', checkQuery.errors ?? []));

    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (!bodySchema) return { ok: true, operationId: id, documentationUrl, params, query, body: undefined };
    let body: unknown = {};
    if (parts.body.trim() !== '') {
      try {
        body = JSON.parse(parts.body);
      } catch {
        return reject(400, 'Problems parsing JSON', ['body is not valid JSON']);
      }
    }
    const checkBody = this.compile(`${id} body`, this.strictAjv, bodySchema);
    if (!checkBody(body)) return reject(422, renderInvalidRequestMessage(checkBody.errors ?? []), describeErrors('body', checkBody.errors ?? []));
    return { ok: true, operationId: id, documentationUrl, params, query, body };
  }

  /**
   * Checks a response; returns the problems (empty when valid). Decides by: the status is declared
   * for the operation (or `default`, or one of the universal error statuses with an error body);
   * a declared JSON schema must match the body; 204 must have no body.
   */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const route = this.byId.get(operationId);
    if (!route) return [`unknown operation ${operationId}`];
    const responses = route.operation.responses;
    const declared = responses[String(status)] ?? responses.default;
    if (!declared) {
      if (!UNIVERSAL_ERRORS.has(status)) return [`status ${status} is not declared for ${operationId} (declared: ${Object.keys(responses).join(', ')})`];
      const checkError = this.compile('error body', this.strictAjv, ERROR_BODY);
      return checkError(body) ? [] : describeErrors(`${status} body`, checkError.errors ?? []);
    }
    if (status === 204) return body === undefined ? [] : ['a 204 response must not have a body'];
    const schema = deref<OpenApiResponse>(this.doc, declared).content?.['application/json']?.schema;
    if (!schema) return [];
    const check = this.compile(`${operationId} ${status}`, this.strictAjv, schema);
    return check(body) ? [] : describeErrors(`${status} body`, check.errors ?? []);
  }
}
