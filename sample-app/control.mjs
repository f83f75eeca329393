// Deploys the sample app the way a team's deploy script would: `node sample-app/control.mjs deploy` stops the
// running instance (pid file in APP_STATE_DIR) and starts the build TARGET_SHA (or APP_VERSION) on APP_PORT,
// then waits until it listens. Versions listed in APP_STATE_DIR/faulty-versions start as faulty builds.
// A line of faulty-versions may name faults instead (`<version> APP_ERROR_RATE=30`): that build starts with them.
// `stop` stops it. Options override the environment, so one workflow can drive two slots (stable and canary):
// `--state-dir D`, `--port P`, `--track stable|canary`. Used as the deploy, promote and rollback commands of the
// demo and the tests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, rmSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [command, ...rest] = process.argv.slice(2);
const options = {};
for (let i = 0; i < rest.length; i += 2) {
  const key = { '--state-dir': 'APP_STATE_DIR', '--port': 'APP_PORT', '--track': 'APP_TRACK' }[rest[i]];
  if (!key || rest[i + 1] === undefined) {
    console.error(`unknown option ${rest[i]} (known: --state-dir, --port, --track, each with a value)`);
    process.exit(2);
  }
  options[key] = rest[i + 1];
}
const env = { ...process.env, ...options };
const stateDir = env.APP_STATE_DIR;
const port = Number(env.APP_PORT);
if (!stateDir || !port) {
  console.error('control.mjs needs APP_STATE_DIR and APP_PORT in its environment');
  process.exit(2);
}
const pidFile = path.join(stateDir, 'app.pid');

function stop() {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Not running.
  }
  rmSync(pidFile, { force: true });
}

async function waitForPort(deadline) {
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() && true));
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function waitForPortFree(deadline) {
  while (Date.now() < deadline) {
    const busy = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() && true));
      socket.on('error', () => resolve(false));
    });
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

if (command === 'stop') {
  stop();
} else if (command === 'deploy') {
  const version = env.TARGET_SHA || env.APP_VERSION || 'dev';
  const faultyFile = path.join(stateDir, 'faulty-versions');
  const line = (existsSync(faultyFile) ? readFileSync(faultyFile, 'utf8').split('\n') : []).map((l) => l.trim().split(/\s+/)).find(([v]) => v === version);
  const faults = Object.fromEntries((line ?? []).slice(1).map((pair) => pair.split('=')).filter(([k, v]) => /^APP_[A-Z_]+$/.test(k ?? '') && v !== undefined));
  const faulty = line !== undefined && Object.keys(faults).length === 0;
  stop();
  await waitForPortFree(Date.now() + 5000);
  const log = openSync(path.join(stateDir, 'app.log'), 'a');
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.mjs')], {
    env: { ...env, ...faults, APP_VERSION: version, APP_FAULTY: faulty ? '1' : '0', APP_PORT: String(port) },
    detached: true,
    stdio: ['ignore', log, log],
  });
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  if (!(await waitForPort(Date.now() + 10_000))) {
    console.error(`sample app ${version.slice(0, 7)} did not start listening on ${port}`);
    process.exit(1);
  }
  const note = faulty ? ' (a faulty build)' : Object.keys(faults).length ? ` (with ${Object.entries(faults).map(([k, v]) => `${k}=${v}`).join(' ')})` : '';
  console.log(`deployed sample app ${version.slice(0, 7)}${note} as ${env.APP_TRACK || 'stable'} on http://127.0.0.1:${port}`);
} else {
  console.error('usage: node sample-app/control.mjs deploy|stop');
  process.exit(2);
}
