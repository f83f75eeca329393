// The sample app the demo and end-to-end tests deploy: a real HTTP server on loopback.
// APP_VERSION names the build; APP_FAULTY=1 makes it a faulty build (health 503, half of requests fail).
// GET /health answers seed 004's shape: { status, error_rate, availability, response_time, timestamp, version }.
import http from 'node:http';

const port = Number(process.env.APP_PORT ?? 0);
const version = process.env.APP_VERSION ?? 'dev';
const faulty = process.env.APP_FAULTY === '1';
let requests = 0;
let errors = 0;

const server = http.createServer((req, res) => {
  const started = performance.now();
  if (req.url === '/health') {
    const errorRate = requests ? (100 * errors) / requests : faulty ? 50 : 0;
    const body = {
      status: faulty ? 'unhealthy' : 'healthy',
      error_rate: Number(errorRate.toFixed(2)),
      availability: Number((100 - errorRate).toFixed(2)),
      response_time: Math.round(performance.now() - started),
      timestamp: new Date().toISOString(),
      version,
    };
    res.writeHead(faulty ? 503 : 200, { 'content-type': 'application/json', 'x-app-version': version });
    res.end(JSON.stringify(body));
    return;
  }
  requests++;
  if (faulty && requests % 2 === 0) {
    errors++;
    res.writeHead(500, { 'content-type': 'text/plain', 'x-app-version': version });
    res.end(`error from ${version}\n`);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'x-app-version': version });
  res.end(`hello from ${version}\n`);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`sample-app ${version}${faulty ? ' (faulty)' : ''} listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
