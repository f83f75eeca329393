import { randomBytes } from 'node:crypto';
import { GitHubApiError } from '../github-api-error';
import type { OpenApiValidator } from '../openapi-validator';
import type { RenderContext } from '../render/render-context';
import type { RouteReply, RouteTable } from '../routes/route-types';
import type { StoreContext } from '../store/store-state';
import type { OpenApiViolation } from '../types';
import { authenticate } from './authenticate';
import type { FaultQueue } from './fault-queue';
import { renderFaultReply } from './fault-reply';
import { errorBody, jsonReply, type HttpReply } from './http-reply';
import { rateLimitHeaders, type RateLimiter } from './rate-limiter';

/** An API request as read off the socket. */
export interface ApiRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string | undefined;
  body: string;
}

/** Everything the pipeline needs, passed in so tests can swap parts. */
export interface ApiDependencies {
  store: StoreContext;
  render: RenderContext;
  validator: OpenApiValidator;
  routes: RouteTable;
  faults: FaultQueue;
  limiter: RateLimiter;
  /** The unauthenticated bucket (60/hour on GitHub); only reported, on 401 answers. */
  anonymousLimiter: RateLimiter;
  tokens: readonly string[] | undefined;
  recordViolation(violation: OpenApiViolation): void;
  sleep(ms: number): Promise<void>;
  /** Test-only: rewrites a handler's reply before it is validated (to prove response checks work). */
  transformReply?: (operationId: string, reply: RouteReply) => RouteReply;
}

const AUTH_DOCS = 'https://docs.github.com/rest';
const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
const INSTALLATION_ID = 1;

function runHandler(run: () => RouteReply, docs: string): RouteReply {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    return { status: error.status, body: errorBody(error.status, error.message, docs, error.errors) };
  }
}

/**
 * Answers one API request as GitHub would, in this order: authentication (401), the primary rate
 * limit (403; GET /rate_limit is free, as on GitHub), injected faults (a delay, then at most one
 * answering fault), the OpenAPI request check (404/400/422 + violation), the route handler, and
 * the OpenAPI response check (500 + violation when the server itself is wrong).
 */
export async function handleApiRequest(deps: ApiDependencies, request: ApiRequest): Promise<HttpReply> {
  const method = request.method.toUpperCase();
  const requestUrl = new URL(request.url, deps.render.api);
  const rawPath = requestUrl.pathname;
  const requestId = { 'x-github-request-id': randomBytes(8).toString('hex').toUpperCase() };
  const auth = authenticate(request.authorization, deps.tokens);
  if (!auth.ok) {
    const anonymous = rateLimitHeaders(deps.anonymousLimiter.consume('anonymous').rate);
    return jsonReply(401, errorBody(401, auth.message, AUTH_DOCS), { ...anonymous, ...requestId });
  }

  const metered = rawPath !== '/rate_limit';
  const { allowed, rate } = metered ? deps.limiter.consume(auth.token) : { allowed: true, rate: deps.limiter.peek(auth.token) };
  const headers = {
    ...rateLimitHeaders(rate),
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    ...requestId,
  };
  if (!allowed) return jsonReply(403, errorBody(403, `API rate limit exceeded for installation ID ${INSTALLATION_ID}.`, RATE_DOCS), headers);

  const delay = deps.faults.take(method, rawPath, (kind) => kind === 'delay');
  if (delay?.kind === 'delay') await deps.sleep(delay.ms);
  const fault = deps.faults.take(method, rawPath, (kind) => kind !== 'delay');
  if (fault && fault.kind !== 'delay') return renderFaultReply(fault, headers);

  const check = deps.validator.checkRequest({ method, rawPath, query: requestUrl.searchParams, body: request.body });
  if (!check.ok) {
    deps.recordViolation({ kind: check.kind, method, path: request.url, status: check.status, errors: check.errors });
    return jsonReply(check.status, errorBody(check.status, check.message, check.documentationUrl), headers);
  }
  const handler = deps.routes[check.operationId];
  const context = { store: deps.store, render: deps.render, params: check.params, query: check.query, body: check.body, requestUrl, rate };
  let reply: RouteReply;
  try {
    reply = handler
      ? runHandler(() => handler(context), check.documentationUrl)
      : { status: 501, body: errorBody(501, `local GitHub has no handler for ${check.operationId}`, check.documentationUrl) };
  } catch (error) {
    deps.recordViolation({ kind: 'response', method, path: request.url, status: 500, errors: [`handler threw: ${(error as Error).stack ?? String(error)}`] });
    return jsonReply(500, errorBody(500, `local GitHub bug: ${(error as Error).message}`, check.documentationUrl), headers);
  }
  if (deps.transformReply) reply = deps.transformReply(check.operationId, reply);

  const problems = deps.validator.checkResponse(check.operationId, reply.status, reply.body);
  if (problems.length > 0) {
    deps.recordViolation({ kind: 'response', method, path: request.url, status: reply.status, errors: problems });
    const message = `local GitHub bug: its ${reply.status} answer to ${method} ${rawPath} does not match GitHub's OpenAPI description: ${problems.join('; ')}`;
    return jsonReply(500, errorBody(500, message, check.documentationUrl), headers);
  }
  return jsonReply(reply.status, reply.body, { ...headers, ...reply.headers });
}
