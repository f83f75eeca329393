import { deref, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from './openapi-document';

/** One operation with its compiled path pattern. */
export interface OperationRoute {
  method: string;
  template: string;
  operation: OpenApiOperation;
  pattern: RegExp;
  paramNames: string[];
  /** Literal segments; more literal wins (`/commits/{ref}/status` before `/commits/{ref}`). */
  literals: number;
}

/** A request matched to an operation, with its path parameters decoded. */
export interface OperationMatch {
  route: OperationRoute;
  params: Record<string, string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRoute(doc: OpenApiDocument, method: string, template: string, operation: OpenApiOperation): OperationRoute {
  const parameters = (operation.parameters ?? []).map((parameter) => deref<OpenApiParameter>(doc, parameter));
  // GitHub marks params that may contain `/` (refs like heads/feature/x, main...feature/y).
  const multiSegment = new Set(parameters.filter((p) => p.in === 'path' && p['x-multi-segment'] === true).map((p) => p.name));
  const paramNames: string[] = [];
  let literals = 0;
  const source = template.split('/').map((segment) => {
    const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (param === undefined) {
      if (segment !== '') literals += 1;
      return escapeRegExp(segment);
    }
    paramNames.push(param);
    return multiSegment.has(param) ? '(.+)' : '([^/]+)';
  }).join('/');
  return { method, template, operation, pattern: new RegExp(`^${source}$`), paramNames, literals };
}

/** Every operation of the document, most specific path first. */
export function compileRoutes(doc: OpenApiDocument): OperationRoute[] {
  const routes = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => compileRoute(doc, method.toUpperCase(), template, operation)));
  return routes.sort((a, b) => b.literals - a.literals || a.paramNames.length - b.paramNames.length);
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Finds the operation for a method and raw (still percent-encoded) path. Decides by: the most
 * specific template whose pattern matches and whose method is the request's. A path that matches
 * only other methods is unknown too, as GitHub answers 404 for it.
 */
export function matchOperation(routes: OperationRoute[], method: string, rawPath: string): OperationMatch | undefined {
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    const params: Record<string, string> = {};
    let decodable = true;
    route.paramNames.forEach((name, index) => {
      const value = decode(match[index + 1] ?? '');
      if (value === undefined) decodable = false;
      else params[name] = value;
    });
    if (decodable) return { route, params };
  }
  return undefined;
}
