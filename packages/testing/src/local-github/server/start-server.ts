import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator } from '../openapi-validator';
import { routeTable } from '../routes/route-table';
import { applySeed } from '../seed/apply-seed';
import { createStoreState, formatTimestamp, type StoreContext } from '../store/store-state';
import type { LocalGitHub, LocalGitHubOptions, OpenApiViolation, RequestLogEntry } from '../types';
import { handleControlRequest } from './control-routes';
import { FaultQueue } from './fault-queue';
import { handleApiRequest, type ApiDependencies } from './handle-api-request';
import type { HttpReply } from './http-reply';
import { RateLimiter } from './rate-limiter';

/** Test-only hooks that are not part of the public options. */
export interface LocalGitHubInternals {
  transformReply?: ApiDependencies['transformReply'];
}

const DEFAULT_RATE_LIMIT = 1000;
const ANONYMOUS_RATE_LIMIT = 60;
// Parsing the OpenAPI subset and compiling schemas is the slow part; servers share one validator.
let sharedValidator: OpenApiValidator | undefined;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: HttpReply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body);
}

/** Starts the local GitHub: an in-memory GitHub REST API checked against GitHub's OpenAPI description. */
export async function startLocalGitHubServer(options: LocalGitHubOptions = {}, internals: LocalGitHubInternals = {}): Promise<LocalGitHub> {
  const clock = options.now ?? (() => new Date());
  const state = createStoreState();
  const store: StoreContext = { state, now: () => formatTimestamp(clock()) };
  const faults = new FaultQueue();
  let violations: OpenApiViolation[] = [];
  let requests: RequestLogEntry[] = [];
  if (options.seed) applySeed(store, options.seed);
  sharedValidator ??= new OpenApiValidator();

  const deps: ApiDependencies = {
    store,
    render: { api: '', html: 'http://localhost' },
    validator: sharedValidator,
    routes: routeTable,
    faults,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
    anonymousLimiter: new RateLimiter(ANONYMOUS_RATE_LIMIT, clock),
    tokens: options.tokens,
    recordViolation: (violation) => violations.push(violation),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    transformReply: internals.transformReply,
  };

  const control = {
    state: () => JSON.parse(JSON.stringify({ repositories: state.repositories })) as ReturnType<LocalGitHub['state']>,
    violations: () => violations.map((violation) => ({ ...violation, errors: [...violation.errors] })),
    requests: () => requests.map((entry) => ({ ...entry })),
    resetLog: () => {
      violations = [];
      requests = [];
    },
    injectFault: (fault: unknown) => faults.add(fault),
    clearFaults: () => faults.clear(),
    seed: (seed: unknown) => applySeed(store, seed),
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = request.url ?? '/';
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      if (url.startsWith('/_local/') || url === '/_local') {
        send(response, handleControlRequest(control, method, url.split('?')[0] ?? url, body));
        return;
      }
      const reply = await handleApiRequest(deps, { method, url, authorization: request.headers.authorization, body });
      requests.push({ method: method.toUpperCase(), path: url, status: reply.status, at: store.now() });
      send(response, reply);
    })().catch((error: unknown) => {
      send(response, { status: 500, headers: { 'content-type': 'text/plain' }, body: `local GitHub crashed: ${String(error)}` });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  deps.render = { api: url, html: 'http://localhost' };

  return {
    url,
    ...control,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
