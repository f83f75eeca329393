import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchAdvisories, osvAdvisorySchema, type Dependency, type OsvAdvisory } from '@safe-deploy/core';

/** A request the fake saw. */
export interface OsvRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** A loopback stand-in for api.osv.dev, with OSV's documented semantics for the two endpoints the scan uses. */
export interface FakeOsvServer {
  url: string;
  requests: OsvRequest[];
  /** The most `GET /v1/vulns/{id}` requests that were open at once. */
  maxConcurrentVulnRequests(): number;
  /** The next `count` requests get `status` (with `Retry-After` when given) instead of an answer. */
  failNext(count: number, status: number, retryAfter?: string): void;
  close(): Promise<void>;
}

/**
 * Serves `POST /v1/querybatch` (per query only `{id, modified}` of each advisory, `pageSize` per page, the rest behind
 * `next_page_token`, sent back as the query's `page_token`; at most 1000 queries) and `GET /v1/vulns/{id}` (the whole
 * record, or 404). Which advisories affect a version is decided by the scanner's own matcher: the fake is about the
 * protocol, not about OSV's matching.
 */
export async function startFakeOsvServer(records: readonly unknown[], options: { pageSize?: number; vulnDelayMs?: number } = {}): Promise<FakeOsvServer> {
  const advisories = records.map((record) => ({ raw: record, parsed: osvAdvisorySchema.parse(record) }));
  const pageSize = options.pageSize ?? 1000;
  const requests: OsvRequest[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  let open = 0;
  let maxOpen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      requests.push({ method: req.method ?? '', path, ...(body !== undefined ? { body } : {}) });
      const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(answer));
      };
      const failure = failures.shift();
      if (failure) return send(failure.status, { code: 14, message: 'unavailable' }, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
      if (req.method === 'POST' && path === '/v1/querybatch') return send(...querybatch(body));
      const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && vuln) {
        open++;
        maxOpen = Math.max(maxOpen, open);
        setTimeout(() => {
          open--;
          const record = advisories.find((advisory) => advisory.parsed.id === decodeURIComponent(vuln[1] ?? ''));
          if (record) send(200, record.raw);
          else send(404, { code: 5, message: 'Bug not found.' });
        }, options.vulnDelayMs ?? 0);
        return;
      }
      send(404, { code: 5, message: 'Not found' });
    });
  });

  function querybatch(body: unknown): [number, unknown] {
    const queries = (body as { queries?: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] }).queries;
    if (!Array.isArray(queries)) return [400, { code: 3, message: 'Invalid query.' }];
    if (queries.length > 1000) return [400, { code: 3, message: 'Too many queries.' }];
    const results = queries.map((query) => {
      const dep: Dependency = { ecosystem: query.package.ecosystem as Dependency['ecosystem'], name: query.package.name, version: query.version, file: 'query' };
      const ids = matchingIds(dep, advisories.map((advisory) => advisory.parsed));
      const offset = query.page_token ? Number(query.page_token) : 0;
      const page = ids.slice(offset, offset + pageSize).map((id) => ({ id, modified: advisories.find((advisory) => advisory.parsed.id === id)?.parsed.modified }));
      return { ...(page.length > 0 ? { vulns: page } : {}), ...(offset + pageSize < ids.length ? { next_page_token: String(offset + pageSize) } : {}) };
    });
    return [200, { results }];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxConcurrentVulnRequests: () => maxOpen,
    failNext(count, status, retryAfter) {
      for (let i = 0; i < count; i++) failures.push({ status, ...(retryAfter !== undefined ? { retryAfter } : {}) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matchingIds(dep: Dependency, advisories: OsvAdvisory[]): string[] {
  return [...new Set(matchAdvisories([dep], advisories).map((finding) => finding.advisoryId))].sort();
}
