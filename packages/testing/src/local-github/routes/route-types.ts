import type { RenderContext } from '../render/render-context';
import type { RepositoryRecord } from '../store/records';
import { requireRepository } from '../store/repositories';
import type { StoreContext } from '../store/store-state';

/** The caller's primary rate limit window, for GET /rate_limit. */
export interface RateSnapshot {
  limit: number;
  remaining: number;
  reset: number;
  used: number;
}

/**
 * What a route handler gets. `params`, `query` and `body` have already passed the operation's
 * OpenAPI schemas (params and query coerced to their types), so handlers may cast them to the
 * shapes those schemas describe.
 */
export interface RouteContext {
  store: StoreContext;
  render: RenderContext;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** The absolute request URL on the server's base, for Link and Location headers. */
  requestUrl: URL;
  rate: RateSnapshot;
}

/** A handler's answer; `body` undefined means no body (204). */
export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Handles one operation. Throws GitHubApiError for GitHub's error answers. */
export type RouteHandler = (ctx: RouteContext) => RouteReply;

/** Handlers by GitHub operationId (`repos/create-deployment`), the one name shared with the description. */
export type RouteTable = Record<string, RouteHandler>;

/** A string path or query value (validated as a string by the description). */
export function text(values: Record<string, unknown>, name: string): string {
  return String(values[name]);
}

/** An optional string query value. */
export function optionalText(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** An integer path value (coerced by the description's `type: integer`). */
export function integer(values: Record<string, unknown>, name: string): number {
  return Number(values[name]);
}

/** A 200 list answer with its Link header, if any. */
export function listReply(items: unknown[], link: string | undefined): RouteReply {
  return link === undefined ? { status: 200, body: items } : { status: 200, body: items, headers: { link } };
}

/** The repository named by the `owner` and `repo` path params, or 404. */
export function repositoryOf(ctx: RouteContext): RepositoryRecord {
  return requireRepository(ctx.store, text(ctx.params, 'owner'), text(ctx.params, 'repo'));
}
