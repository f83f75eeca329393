// Deploys the sample app the way a team's deploy script would: `node sample-app/control.mjs deploy` stops the
// running instance (pid file in APP_STATE_DIR) and starts the build TARGET_SHA (or APP_VERSION) on APP_PORT,
// then waits until it listens. Versions listed in APP_STATE_DIR/faulty-versions start as faulty builds.
// `stop` stops it. Used as the rollback action's rollback-command in the demo and the tests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, rmSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [command] = process.argv.slice(2);
const stateDir = process.env.APP_STATE_DIR;
const port = Number(process.env.APP_PORT);
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
  const version = process.env.TARGET_SHA || process.env.APP_VERSION || 'dev';
  const faultyFile = path.join(stateDir, 'faulty-versions');
  const faulty = existsSync(faultyFile) && readFileSync(faultyFile, 'utf8').split(/\s+/).includes(version);
  stop();
  await waitForPortFree(Date.now() + 5000);
  const log = openSync(path.join(stateDir, 'app.log'), 'a');
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'server.mjs')], {
    env: { ...process.env, APP_VERSION: version, APP_FAULTY: faulty ? '1' : '0', APP_PORT: String(port) },
    detached: true,
    stdio: ['ignore', log, log],
  });
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  if (!(await waitForPort(Date.now() + 10_000))) {
    console.error(`sample app ${version.slice(0, 7)} did not start listening on ${port}`);
    process.exit(1);
  }
  console.log(`deployed sample app ${version.slice(0, 7)}${faulty ? ' (a faulty build)' : ''} on http://127.0.0.1:${port}`);
} else {
  console.error('usage: node sample-app/control.mjs deploy|stop');
  process.exit(2);
}
