// The sample app the demo and end-to-end tests deploy: a real HTTP server on loopback.
// APP_VERSION names the build; APP_FAULTY=1 makes it a faulty build (health 503, half of requests fail).
// APP_TRACK (default stable) labels its metrics; GET /metrics is a Prometheus exposition (prom-client).
// GET /health answers seed 004's shape: { status, error_rate, availability, response_time, timestamp, version },
// over the last minute of traffic.
//
// Faults, set at start from the environment or at run time with POST /_faults (JSON, loopback only; GET shows
// them, DELETE switches them all off):
//   errorRate            APP_ERROR_RATE                 % of requests answered 500 (exactly: every n-th, not random)
//   latencyMs            APP_LATENCY_MS                 added to every request, /health included
//   memoryGrowthMbPerMin APP_MEMORY_GROWTH_MB_PER_MIN   really allocated each second, up to APP_MEMORY_MAX_GROWTH_MB
//                                                       (default 256); freed when the fault is switched off
//   failHealth           APP_FAIL_HEALTH=1              /health answers 503 "unhealthy"
//   dbErrors             APP_DB_ERRORS                  % of requests failing with a database connection error
//                                                       (500, counted in db_connection_errors_total)
// APP_MEMORY_LIMIT_MB sets process_memory_limit_bytes (default: the cgroup limit, else the machine's memory).
// APP_EXIT_WITH_STDIN=1 stops the app when its stdin closes, so a test runner that dies takes the app with it.
import http from 'node:http';
import os from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import client from 'prom-client';

const MB = 1024 * 1024;
const env = process.env;
const port = Number(env.APP_PORT ?? 0);
const version = env.APP_VERSION ?? 'dev';
const track = env.APP_TRACK || 'stable';
const faulty = env.APP_FAULTY === '1';
const maxGrowthBytes = Number(env.APP_MEMORY_MAX_GROWTH_MB ?? 256) * MB;
const WINDOW_MS = 60_000;

const FAULT_LIMITS = {
  errorRate: [0, 100],
  latencyMs: [0, 30_000],
  memoryGrowthMbPerMin: [0, 1024],
  dbErrors: [0, 100],
};
const NO_FAULTS = { errorRate: 0, latencyMs: 0, memoryGrowthMbPerMin: 0, failHealth: false, dbErrors: 0 };

/** Merges a partial fault setting into `current`; returns the problem instead when a value is out of range. */
function mergeFaults(current, input) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: 'expected a JSON object of faults' };
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'failHealth') {
      if (typeof value !== 'boolean') return { error: 'failHealth must be true or false' };
      next.failHealth = value;
    } else if (key in FAULT_LIMITS) {
      const [min, max] = FAULT_LIMITS[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return { error: `${key} must be a number from ${min} to ${max}` };
      next[key] = value;
    } else {
      return { error: `unknown fault ${JSON.stringify(key)} (known: ${Object.keys(NO_FAULTS).join(', ')})` };
    }
  }
  return { faults: next };
}

function faultsFromEnvironment() {
  const input = {};
  const number = (name, key) => {
    if (env[name] !== undefined && env[name] !== '') input[key] = Number(env[name]);
  };
  number('APP_ERROR_RATE', 'errorRate');
  number('APP_LATENCY_MS', 'latencyMs');
  number('APP_MEMORY_GROWTH_MB_PER_MIN', 'memoryGrowthMbPerMin');
  number('APP_DB_ERRORS', 'dbErrors');
  if (env.APP_FAIL_HEALTH) input.failHealth = env.APP_FAIL_HEALTH === '1';
  // A faulty build (APP_FAULTY=1) is the fault the demo and the rollback tests deploy.
  if (faulty) Object.assign(input, { errorRate: 50, failHealth: true });
  const merged = mergeFaults(NO_FAULTS, input);
  if (merged.error) {
    console.error(`sample-app: ${merged.error} (from the environment)`);
    process.exit(2);
  }
  return merged.faults;
}

let faults = faultsFromEnvironment();
let errorCredit = 0;
let dbCredit = 0;
let leak = [];
let leakedBytes = 0;
/** The last minute of served requests, for /health: { at, ok, ms }. */
const recent = [];

const registry = new client.Registry();
registry.setDefaultLabels({ track, version });
client.collectDefaultMetrics({ register: registry });
const requestsTotal = new client.Counter({ name: 'http_requests_total', help: 'HTTP requests served, by method and status code.', labelNames: ['method', 'code'], registers: [registry] });
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request, in seconds.',
  labelNames: ['method', 'code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const dbErrorsTotal = new client.Counter({ name: 'db_connection_errors_total', help: 'Requests that could not get a database connection.', registers: [registry] });
const memoryLimit = new client.Gauge({ name: 'process_memory_limit_bytes', help: 'The memory this process may use, in bytes.', registers: [registry] });
new client.Gauge({ name: 'app_leaked_bytes', help: 'Memory held by the memory-growth fault, in bytes.', registers: [registry], collect() { this.set(leakedBytes); } });
memoryLimit.set(memoryLimitBytes());

function memoryLimitBytes() {
  if (env.APP_MEMORY_LIMIT_MB) return Number(env.APP_MEMORY_LIMIT_MB) * MB;
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  return constrained > 0 && constrained < os.totalmem() ? constrained : os.totalmem();
}

// One "every n-th request" counter per fault: exactly errorRate % of requests fail, so tests need no luck.
function takes(credit, percent) {
  const next = credit + percent;
  return next >= 100 ? [true, next - 100] : [false, next];
}

function isLoopback(address) {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function reply(res, status, body, type = 'text/plain') {
  res.writeHead(status, { 'content-type': type, 'x-app-version': version, 'x-app-track': track });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function afterLatency(action) {
  if (faults.latencyMs > 0) setTimeout(action, faults.latencyMs);
  else action();
}

function prune(now) {
  while (recent.length > 0 && (recent[0].at < now - WINDOW_MS || recent.length > 20_000)) recent.shift();
}

function health(started) {
  const now = Date.now();
  prune(now);
  const failed = recent.filter((r) => !r.ok).length;
  const errorRate = recent.length ? (100 * failed) / recent.length : faulty ? 50 : faults.errorRate;
  const durations = recent.map((r) => r.ms).sort((a, b) => a - b);
  const p95 = durations.length ? durations[Math.min(durations.length - 1, Math.ceil(0.95 * durations.length) - 1)] : performance.now() - started;
  return {
    status: faults.failHealth ? 'unhealthy' : 'healthy',
    error_rate: Number(errorRate.toFixed(2)),
    availability: Number((100 - errorRate).toFixed(2)),
    response_time: Math.round(p95),
    timestamp: new Date().toISOString(),
    version,
    track,
    database: faults.dbErrors > 0 ? 'failing' : 'ok',
  };
}

function controlFaults(req, res) {
  if (!isLoopback(req.socket.remoteAddress)) return reply(res, 403, { error: 'faults are controlled from loopback only' }, 'application/json');
  if (req.method === 'GET') return reply(res, 200, faults, 'application/json');
  if (req.method === 'DELETE') {
    faults = { ...NO_FAULTS };
    applyMemoryFault();
    return reply(res, 200, faults, 'application/json');
  }
  if (req.method !== 'POST') return reply(res, 405, { error: 'use GET, POST or DELETE' }, 'application/json');
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > 10_000) req.destroy();
  });
  req.on('end', () => {
    let input;
    try {
      input = JSON.parse(body || '{}');
    } catch {
      return reply(res, 400, { error: 'the body is not JSON' }, 'application/json');
    }
    const merged = mergeFaults(faults, input);
    if (merged.error) return reply(res, 400, { error: merged.error }, 'application/json');
    faults = merged.faults;
    applyMemoryFault();
    reply(res, 200, faults, 'application/json');
  });
}

const server = http.createServer((req, res) => {
  const started = performance.now();
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/metrics') {
    registry.metrics().then((text) => reply(res, 200, text, registry.contentType), (error) => reply(res, 500, String(error)));
    return;
  }
  if (path === '/_faults') return controlFaults(req, res);
  if (path === '/health') {
    afterLatency(() => reply(res, faults.failHealth ? 503 : 200, health(started), 'application/json'));
    return;
  }
  let dbError;
  let failure;
  [dbError, dbCredit] = takes(dbCredit, faults.dbErrors);
  if (!dbError) [failure, errorCredit] = takes(errorCredit, faults.errorRate);
  afterLatency(() => {
    const code = dbError || failure ? 500 : 200;
    if (dbError) {
      dbErrorsTotal.inc();
      reply(res, code, `database connection refused (${version})\n`);
    } else if (failure) reply(res, code, `error from ${version}\n`);
    else reply(res, code, `hello from ${version}\n`);
    const seconds = (performance.now() - started) / 1000;
    requestsTotal.inc({ method: req.method, code: String(code) });
    duration.observe({ method: req.method, code: String(code) }, seconds);
    recent.push({ at: Date.now(), ok: code < 500, ms: seconds * 1000 });
    prune(Date.now());
  });
});

// The memory-growth fault: allocate (and touch) memory every second, bounded; free it when switched off.
let growth;
function applyMemoryFault() {
  if (faults.memoryGrowthMbPerMin > 0 && !growth) {
    growth = setInterval(() => {
      const bytes = Math.round((faults.memoryGrowthMbPerMin * MB) / 60);
      if (leakedBytes + bytes > maxGrowthBytes) return;
      leak.push(Buffer.alloc(bytes, 1));
      leakedBytes += bytes;
    }, 1000);
    growth.unref();
  } else if (faults.memoryGrowthMbPerMin === 0 && growth) {
    clearInterval(growth);
    growth = undefined;
    leak = [];
    leakedBytes = 0;
  }
}
applyMemoryFault();

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`sample-app ${version}${faulty ? ' (faulty)' : ''} listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
  const active = Object.entries(faults).filter(([, value]) => value);
  if (active.length) console.log(`faults: ${active.map(([key, value]) => `${key}=${value}`).join(', ')}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Keep-alive load may hold connections open; do not wait for them.
  setTimeout(() => process.exit(0), 1500).unref();
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, shutdown);
if (env.APP_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
