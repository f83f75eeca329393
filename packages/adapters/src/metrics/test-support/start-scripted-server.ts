import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the scripted server answers to one request. */
export interface ScriptedReply {
  status?: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  contentType?: string;
  /** Wait this long before answering (for timeouts). */
  delayMs?: number;
  /** Drop the connection without an answer. */
  hangUp?: boolean;
}

/** A request the server saw. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

/** A loopback HTTP server whose answers a test scripts, for provider tests without global patching. */
export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  /** Replaces the handler. */
  answer(handler: (request: SeenRequest) => ScriptedReply): void;
  close(): Promise<void>;
}

/** Starts a scripted server on 127.0.0.1 with a free port. */
export async function startScriptedServer(handler: (request: SeenRequest) => ScriptedReply = () => ({ status: 404 })): Promise<ScriptedServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen = { path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(seen);
    const reply = current(seen);
    const send = () => {
      if (reply.hangUp) {
        req.socket.destroy();
        return;
      }
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const contentType = reply.contentType ?? (typeof reply.body === 'string' ? 'text/plain' : 'application/json');
      res.writeHead(reply.status ?? 200, { 'content-type': contentType });
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL nothing listens on (a port that was free a moment ago): connections are refused. */
export async function deadUrl(path = '/'): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
