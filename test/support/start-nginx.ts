import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxSplit } from '../../packages/adapters/src/traffic/render-nginx-split';
import { findFreePort } from '../../packages/testing/src/find-free-port';

/** How to start nginx: the servers its router file starts with (100 % to stable). */
export interface StartNginxOptions {
  stable: string | string[];
  canary: string | string[];
  binary?: string;
}

/** One request as nginx logged it: the upstream address it went to (`-` when none) and the status. */
export interface AccessLogEntry {
  upstream: string;
  status: number;
  path: string;
}

/** A private nginx master on loopback, with its own prefix, nginx.conf, logs and temp directories. */
export interface LocalNginx {
  /** `http://127.0.0.1:<port>`: the router file's server. */
  url: string;
  port: number;
  pid: number;
  prefix: string;
  /** The router's file, which nginx.conf includes inside `http {}`. */
  configFile: string;
  /** What `nginx -T` and `nginx -s reload` need to reach this master (`-p`, `-c`, `-e`). */
  nginxArgs: string[];
  binary: string;
  /** The `canary.router` policy object of kind nginx for this server. */
  routerConfig(stable?: string | string[], canary?: string | string[], extra?: Record<string, unknown>): { kind: 'nginx'; [option: string]: unknown };
  /** Every request nginx has logged so far, oldest first. */
  accessLog(): Promise<AccessLogEntry[]>;
  /** nginx's error log. */
  errorLog(): Promise<string>;
  /** Stops nginx (SIGTERM to the master, then SIGKILL to its process group) and removes its prefix. */
  close(): Promise<void>;
}

/** The nginx binary the tests use: NGINX_BIN, or Debian's /usr/sbin/nginx. */
export function nginxBinary(): string {
  return process.env.NGINX_BIN ?? '/usr/sbin/nginx';
}

/** Whether nginx is installed where `startNginx` looks for it. */
export function nginxAvailable(): boolean {
  return existsSync(nginxBinary());
}

const groups = new Set<number>();
let hooked = false;

/** Kills a master's whole process group when the test process exits: its workers outlive a killed master otherwise. */
function trackGroup(pid: number): void {
  groups.add(pid);
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const group of groups) killGroup(group, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts nginx in the foreground (`daemon off`, its own process group, so a dying test process takes its workers
 * along) on a free 127.0.0.1 port, with a generated nginx.conf under a temporary prefix that includes the router's
 * file. That file starts as the router would write it at weight 0, generation 0, with its server on the port.
 * The access log records `$upstream_addr $status $uri`, so a test can count where requests went.
 */
export async function startNginx(options: StartNginxOptions): Promise<LocalNginx> {
  const binary = options.binary ?? nginxBinary();
  if (!existsSync(binary)) {
    throw new Error(`nginx is not installed (no ${binary}). Install it with \`npm run setup:e2e\` or \`sudo apt-get install -y nginx\` (CI does), or set NGINX_BIN to its path.`);
  }
  const prefix = await mkdtemp(path.join(tmpdir(), 'safe-deploy-nginx-'));
  try {
    // nginx's workers run as `nobody` when the master is root: they need to reach the prefix.
    await chmod(prefix, 0o755);
    await mkdir(path.join(prefix, 'temp'));
    const files = { conf: path.join(prefix, 'nginx.conf'), router: path.join(prefix, 'safe-deploy.conf'), access: path.join(prefix, 'access.log'), error: path.join(prefix, 'error.log') };
    await writeFile(files.conf, mainConfig(prefix, files));
    // -e (nginx ≥ 1.19.5) keeps the messages of -T and -s reload off the system's /var/log/nginx/error.log.
    const nginxArgs = ['-p', `${prefix}/`, '-c', files.conf, ...(supportsErrorLogFlag(binary) ? ['-e', files.error] : [])];
    const stable = [options.stable].flat();
    const canary = [options.canary].flat();
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      await writeFile(files.router, renderNginxSplit({ prefix: 'safe_deploy', stable, canary, weight: 0, generation: 0, key: '${remote_addr}${request_id}', listen: `127.0.0.1:${port}` }));
      const started = await launch(binary, nginxArgs, port, files.error);
      if (started.ok) {
        const { child } = started;
        const url = `http://127.0.0.1:${port}`;
        return {
          url,
          port,
          pid: child.pid as number,
          prefix,
          configFile: files.router,
          nginxArgs,
          binary,
          routerConfig: (s = options.stable, c = options.canary, extra = {}) => ({
            kind: 'nginx',
            'config-file': files.router,
            stable: s,
            canary: c,
            listen: `127.0.0.1:${port}`,
            nginx: binary,
            'nginx-args': nginxArgs,
            'reload-timeout': 5,
            ...extra,
          }),
          accessLog: async () => parseAccessLog(await readFile(files.access, 'utf8').catch(() => '')),
          errorLog: () => readFile(files.error, 'utf8').catch(() => ''),
          close: async () => {
            await stop(child);
            await rm(prefix, { recursive: true, force: true });
          },
        };
      }
      if (!started.portTaken || attempt === 3) throw new Error(`nginx did not start: ${started.error}`);
    }
  } catch (error) {
    await rm(prefix, { recursive: true, force: true });
    throw error;
  }
}

function mainConfig(prefix: string, files: { router: string; access: string; error: string }): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, 'temp', name)};`;
  return [
    'worker_processes 1;',
    `pid ${path.join(prefix, 'nginx.pid')};`,
    `error_log ${files.error} notice;`,
    'events { worker_connections 1024; }',
    'http {',
    "    log_format safe_deploy '$upstream_addr $status $uri';",
    `    access_log ${files.access} safe_deploy;`,
    `    ${temp('client_body')}`,
    `    ${temp('proxy')}`,
    `    ${temp('fastcgi')}`,
    `    ${temp('uwsgi')}`,
    `    ${temp('scgi')}`,
    `    include ${files.router};`,
    '}',
    '',
  ].join('\n');
}

function supportsErrorLogFlag(binary: string): boolean {
  const { stdout, stderr } = spawnSync(binary, ['-v'], { encoding: 'utf8' });
  const [major = 0, minor = 0, patch = 0] = (/nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${stdout}${stderr}`)?.slice(1) ?? []).map(Number);
  return major > 1 || (major === 1 && (minor > 19 || (minor === 19 && patch >= 5)));
}

async function launch(binary: string, nginxArgs: string[], port: number, errorLog: string): Promise<{ ok: true; child: ChildProcess } | { ok: false; error: string; portTaken: boolean }> {
  const child = spawn(binary, [...nginxArgs, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  trackGroup(child.pid as number);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(errorLog, 'utf8').catch(() => '');
      const all = `${output}\n${log}`.trim();
      return { ok: false, error: all.split('\n').slice(-3).join('\n'), portTaken: /Address already in use/.test(all) };
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/__safe-deploy/route`, { signal: AbortSignal.timeout(1000) })).ok) return { ok: true, child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop(child);
  return { ok: false, error: `not ready within 10 s\n${output}`, portTaken: false };
}

/** SIGTERM to the master (nginx's fast shutdown stops the workers too), SIGKILL to the group after 3 s. */
async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid as number;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

function parseAccessLog(text: string): AccessLogEntry[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [upstream = '', status = '', uri = ''] = line.split(' ');
      return { upstream, status: Number(status), path: uri };
    });
}
