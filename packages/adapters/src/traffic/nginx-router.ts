import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigurationError, durationSchema, ExternalError, truncate, type TrafficReading, type TrafficRouter } from '@safe-deploy/core';
import { canaryWeight } from './canary-weight';
import { parseRouterOptions, ROUTER_PATH } from './parse-router-options';
import { NGINX_ROUTE_PATH, nginxSplitStampSchema, parseNginxSplitStamp, renderNginxSplit, type NginxSplitStamp } from './render-nginx-split';
import { resolveRouterDeps, type ResolvedRouterDeps, type TrafficRouterDeps } from './traffic-router-deps';

const PORT = '([1-9]\\d{0,4})';
const HOST = '(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)';
/** Only judges the port when there is one, so that a malformed address gets one problem, not two. */
const inPortRange = (text: string) => Number(/(\d+)$/.exec(text)?.[1] ?? 0) <= 65535;
const address = z
  .string()
  .trim()
  .regex(new RegExp(`^${HOST}:${PORT}$`), 'expected host:port, e.g. 127.0.0.1:8081')
  .refine(inPortRange, 'the port must be at most 65535');
const addresses = z.union([address, z.array(address).min(1, 'list at least one host:port')]).transform((value) => (typeof value === 'string' ? [value] : value));
const listen = z.union([
  z.number().int().min(1).max(65535).transform(String),
  z
    .string()
    .trim()
    .regex(new RegExp(`^((${HOST}|\\*):)?${PORT}$`), 'expected host:port or a port, e.g. 127.0.0.1:8080')
    .refine(inPortRange, 'the port must be at most 65535'),
]);
const httpUrl = z.string().refine((text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, 'expected an absolute http(s) URL');
const positiveDuration = (seconds: number) => durationSchema.default(seconds).refine((value) => value > 0, 'must be more than 0');

/** Options of `canary.router` with `kind: nginx` (weighted routing by nginx's `split_clients`). */
export const nginxRouterOptionsSchema = z.strictObject({
  kind: z.literal('nginx'),
  /** Prefix of the upstream names and the variable, so that several routers can share one nginx. */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected letters, digits and underscores, starting with a letter').optional(),
  /** The file the router owns and rewrites whole; the user `include`s it inside `http {}`. */
  'config-file': z.string().trim().min(1, 'must not be empty'),
  stable: addresses,
  canary: addresses,
  /** When set, the file has its own `server {}` listening there, with the status location. */
  listen: listen.optional(),
  key: z
    .string()
    .regex(/^[^"\\\n;]+$/, 'expected an nginx string without quotes, backslashes or semicolons')
    .default('${remote_addr}${request_id}'),
  nginx: z.string().trim().min(1, 'must not be empty').default('nginx'),
  'nginx-args': z.array(z.string()).default([]),
  /** Where nginx serves the status location; derived from `listen` when left out. */
  'verify-url': httpUrl.optional(),
  /** How long `nginx -t`, `nginx -s reload` and the wait for the new generation may each take. */
  'reload-timeout': positiveDuration(10),
});

/** The nginx router's options after defaults. */
export type NginxRouterOptions = z.output<typeof nginxRouterOptionsSchema>;

const FIXES: Readonly<Record<string, string>> = {
  kind: 'Use `kind: nginx`.',
  name: 'Use a short name of letters, digits and underscores, e.g. `name: shop` (upstreams shop_stable and shop_canary).',
  'config-file': 'Give a file for the router alone and include it inside http {} of nginx.conf, e.g. `config-file: /etc/nginx/conf.d/safe-deploy.conf`.',
  stable: 'Give the stable servers as host:port or a list of them, e.g. `stable: 127.0.0.1:8081`.',
  canary: 'Give the canary servers as host:port or a list of them, e.g. `canary: 127.0.0.1:8082`.',
  listen: 'Give the address the router\'s server listens on, e.g. `listen: 127.0.0.1:8080` or `listen: 8080`, or leave it out and use `proxy_pass http://$safe_deploy_upstream;` in your own server.',
  key: 'Leave it out (every request is drawn anew), or use e.g. `key: "${remote_addr}"` to keep each client on one side.',
  nginx: 'Give the nginx binary, e.g. `nginx: /usr/sbin/nginx`.',
  'nginx-args': 'Give a list of strings, e.g. `nginx-args: ["-p", "/srv/nginx", "-c", "/srv/nginx/nginx.conf"]`.',
  'verify-url': `Give the URL of the router's status location, e.g. \`verify-url: http://127.0.0.1:8080${NGINX_ROUTE_PATH}\`.`,
  'reload-timeout': 'Use a duration such as 10 (seconds) or 30s.',
};

/** Polls of the status location after a reload, and how many answers in a row must show the new file. */
const POLL_SECONDS = 0.1;
const CONFIRMATIONS = 3;
const DEFAULT_PREFIX = 'safe_deploy';

type Served = { kind: 'served'; stamp: NginxSplitStamp } | { kind: 'other'; detail: string };

/**
 * `kind: nginx`: weighted routing by nginx's `split_clients`. `setWeight` renders the router's file, swaps it in
 * atomically, checks the whole configuration with `nginx -T` (which also proves the file is included) and puts the
 * previous file back when nginx rejects it, then `nginx -s reload`. With a status location (`listen` or
 * `verify-url`) it resolves only once nginx serves the new generation in three answers in a row: a graceful reload
 * lets old workers answer for about a tenth of a second more, and a reload nginx rejects shows up only there.
 */
export class NginxRouter implements TrafficRouter {
  readonly kind = 'nginx';
  private readonly deps: ResolvedRouterDeps;
  private readonly configFile: string;
  private readonly verifyUrl: string | undefined;
  private readonly prefix: string;

  constructor(
    private readonly options: NginxRouterOptions,
    deps: TrafficRouterDeps,
  ) {
    this.deps = resolveRouterDeps(deps);
    this.configFile = path.resolve(deps.workingDirectory, options['config-file']);
    this.verifyUrl = options['verify-url'] ?? (options.listen === undefined ? undefined : routeUrlOf(options.listen));
    this.prefix = options.name ?? DEFAULT_PREFIX;
  }

  /** Validates `canary.router` of kind nginx and builds the router. */
  static fromConfig(config: unknown, deps: TrafficRouterDeps): NginxRouter {
    return new NginxRouter(parseRouterOptions(nginxRouterOptionsSchema, config, FIXES), deps);
  }

  describe(): string {
    const front = this.options.listen ?? `$${this.prefix}_upstream`;
    return `nginx ${front} → stable ${this.options.stable.join(', ')} / canary ${this.options.canary.join(', ')} (${this.configFile})`;
  }

  async check(weights: readonly number[]): Promise<void> {
    weights.forEach((weight, index) => {
      try {
        renderNginxSplit({ prefix: this.prefix, stable: this.options.stable, canary: this.options.canary, weight, generation: 0, key: this.options.key });
      } catch (error) {
        if (error instanceof ConfigurationError) throw new ConfigurationError(`canary.stages[${index}].weight`, `${weight} % cannot be routed by nginx: split_clients takes at most two decimals.`, error.fix);
        throw error;
      }
    });
    // The file must be ours; when it exists, nginx must accept the configuration that includes it (and find nginx).
    if (await this.readOwnFile()) await this.testConfiguration();
  }

  async setWeight(weight: number): Promise<void> {
    canaryWeight(weight);
    const previous = await this.readOwnFile();
    const generation = (previous?.stamp?.generation ?? 0) + 1;
    const text = renderNginxSplit({
      prefix: this.prefix,
      stable: this.options.stable,
      canary: this.options.canary,
      weight,
      generation,
      key: this.options.key,
      ...(this.options.listen === undefined ? {} : { listen: this.options.listen }),
    });
    await this.write(text);
    try {
      await this.testConfiguration();
      await this.reload();
    } catch (error) {
      await this.restore(previous?.text);
      throw error;
    }
    if (this.verifyUrl !== undefined) await this.waitUntilServed(generation);
  }

  async readWeight(): Promise<TrafficReading> {
    if (this.verifyUrl === undefined) {
      const written = await this.readOwnFile();
      const why = 'the written config, not necessarily what nginx serves: set listen or verify-url to read the served split';
      if (!written) return { weight: undefined, detail: `${this.configFile} does not exist yet (no weight was set)` };
      if (!written.stamp) return { weight: undefined, detail: `${this.configFile} has no safe-deploy stamp` };
      return { weight: written.stamp.weight, detail: `${this.configFile} holds generation ${written.stamp.generation}: ${written.stamp.weight} % to the canary (${why})` };
    }
    const served = await this.fetchServed(this.verifyUrl);
    if (served.kind === 'other') return { weight: undefined, detail: served.detail };
    return { weight: served.stamp.weight, detail: `nginx serves generation ${served.stamp.generation}: ${served.stamp.weight} % to the canary (${this.verifyUrl})` };
  }

  /** The router's file and its stamp; undefined when there is none yet. Refuses a file someone else wrote. */
  private async readOwnFile(): Promise<{ text: string; stamp: NginxSplitStamp | undefined } | undefined> {
    let text: string;
    try {
      text = await readFile(this.configFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.fileError('cannot be read', error);
    }
    const stamp = parseNginxSplitStamp(text);
    if (!stamp && text.trim() !== '') {
      throw new ConfigurationError(
        `${ROUTER_PATH}.config-file`,
        `${this.configFile} exists and was not written by safe-deploy; the router rewrites its file whole and will not overwrite yours.`,
        'Point config-file at a file of its own (e.g. /etc/nginx/conf.d/safe-deploy.conf) and include it inside http {}; delete the file if it is a leftover.',
      );
    }
    return { text, stamp };
  }

  /** Replaces the file in one step (a temp file beside it, then rename), so nginx never reads half a file. */
  private async write(text: string): Promise<void> {
    const temp = `${this.configFile}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(temp, text, { mode: 0o644 });
      await rename(temp, this.configFile);
    } catch (error) {
      await rm(temp, { force: true });
      throw this.fileError('cannot be written', error);
    }
  }

  private async restore(previous: string | undefined): Promise<void> {
    if (previous === undefined) await rm(this.configFile, { force: true });
    else await this.write(previous);
  }

  private fileError(problem: string, error: unknown): ConfigurationError {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new ConfigurationError(`${ROUTER_PATH}.config-file`, `${this.configFile} ${problem} (${reason}).`, 'Use a file in an existing directory that the step may write, e.g. one owned by the runner user.');
  }

  /** `nginx -T`: tests the whole configuration like `-t` and dumps it, which shows whether the router's file is included. */
  private async testConfiguration(): Promise<void> {
    const argv: [string, ...string[]] = [this.options.nginx, ...this.options['nginx-args'], '-T'];
    const command = argv.join(' ');
    const output = await this.deps.capture.run(argv, { cwd: this.deps.workingDirectory, env: this.deps.env, timeoutSeconds: this.options['reload-timeout'] });
    if (output.startError) throw this.notInstalled(output.startError);
    if (output.timedOut) throw new ExternalError('nginx', `\`${command}\` did not finish within ${this.options['reload-timeout']} s.`, { retryable: true });
    if (output.exitCode !== 0) throw this.rejected(command, output.exitCode, nginxMessage(output.stderr));
    if (output.stdout.length < 1_000_000 && !(await this.isIncluded(output.stdout))) {
      throw new ConfigurationError(
        `${ROUTER_PATH}.config-file`,
        `nginx's configuration (\`${command}\`) does not include ${this.configFile}, so the split would not take effect.`,
        `Add \`include ${this.configFile};\` inside http {} of nginx.conf, or give nginx-args that name the configuration nginx runs with (e.g. ["-c", "/etc/nginx/nginx.conf"]).`,
      );
    }
  }

  /** Whether `nginx -T`'s dump lists the router's file (it names every file it read as `# configuration file <path>:`). */
  private async isIncluded(dump: string): Promise<boolean> {
    const listed = new Set([...dump.matchAll(/^# configuration file (.+):$/gm)].map((match) => match[1]));
    const real = await realpath(this.configFile).catch(() => this.configFile);
    return listed.has(this.configFile) || listed.has(real);
  }

  /** Sends nginx the reload signal; it starts new workers with the new file and lets the old ones finish. */
  private async reload(): Promise<void> {
    const argv: [string, ...string[]] = [this.options.nginx, ...this.options['nginx-args'], '-s', 'reload'];
    const command = argv.join(' ');
    const result = await this.deps.runner.run({ kind: 'argv', argv, text: command }, { cwd: this.deps.workingDirectory, env: this.deps.env, timeoutSeconds: this.options['reload-timeout'] });
    if (result.exitCode === 0) return;
    if (result.exitCode === 127 && !result.timedOut) throw this.notInstalled(result.outputTail);
    const why = result.timedOut ? `did not finish within ${this.options['reload-timeout']} s` : `failed (exit code ${result.exitCode}): ${nginxMessage(result.outputTail)}`;
    throw new ExternalError('nginx', `\`${command}\` ${why}. Is nginx running, started with the same -p/-c as nginx-args? The previous file is back in place.`, { status: result.exitCode, retryable: true });
  }

  private notInstalled(detail: string): ConfigurationError {
    return new ConfigurationError(`${ROUTER_PATH}.nginx`, `${JSON.stringify(this.options.nginx)} could not be run (${truncate(detail, 200)}).`, FIXES.nginx as string);
  }

  /** nginx refused the configuration: the user's to fix when the message points at the router's file, nginx's otherwise. */
  private rejected(command: string, exitCode: number, message: string): Error {
    const problem = `nginx rejects the configuration (\`${command}\`, exit code ${exitCode}): ${message}. The previous file is back in place and still served.`;
    if (!message.includes(this.configFile)) {
      return new ExternalError('nginx', `${problem} The error is outside the router's file, in nginx's own configuration.`, { status: exitCode, retryable: false });
    }
    const option = this.options.canary.some((server) => message.includes(server)) ? 'canary' : this.options.stable.some((server) => message.includes(server)) ? 'stable' : undefined;
    if (option) return new ConfigurationError(`${ROUTER_PATH}.${option}`, problem, `Use ${option} addresses nginx can resolve when it loads its configuration (an IP address, or a name in DNS or /etc/hosts), e.g. 127.0.0.1:8082.`);
    return new ConfigurationError(ROUTER_PATH, problem, "Correct the router's options (see nginx's message); the file it wrote is shown by `nginx -T`.");
  }

  /** Polls the status location until nginx serves `generation` in CONFIRMATIONS answers in a row, up to reload-timeout. */
  private async waitUntilServed(generation: number): Promise<void> {
    const url = this.verifyUrl as string;
    const polls = Math.max(CONFIRMATIONS, Math.ceil(this.options['reload-timeout'] / POLL_SECONDS));
    let confirmed = 0;
    let last = 'no answer yet';
    for (let poll = 0; poll < polls; poll++) {
      try {
        const served = await this.fetchServed(url);
        confirmed = served.kind === 'served' && served.stamp.generation === generation ? confirmed + 1 : 0;
        if (confirmed >= CONFIRMATIONS) return;
        last = served.kind === 'served' ? `generation ${served.stamp.generation} (${served.stamp.weight} % to the canary)` : served.detail;
      } catch (error) {
        // A reload closes idle keep-alive connections of the old workers: one failed read is expected.
        confirmed = 0;
        last = error instanceof Error ? error.message : String(error);
      }
      await this.deps.sleep(POLL_SECONDS);
    }
    throw new ExternalError(
      'nginx',
      `reloaded, but ${url} did not serve generation ${generation} within ${this.options['reload-timeout']} s (last: ${last}). nginx may have rejected the new file at reload (e.g. its listen address is taken): see nginx's error log. ${this.configFile} holds generation ${generation}.`,
      { retryable: true },
    );
  }

  /** The split the status location serves; a network failure or 5xx is an ExternalError, anything else not a split. */
  private async fetchServed(url: string): Promise<Served> {
    let response: Response;
    let body: string;
    try {
      response = await this.deps.fetch(url, { signal: AbortSignal.timeout(2000), headers: { 'cache-control': 'no-cache' } });
      body = await response.text();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ExternalError('nginx', `could not read the served split from ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}.`, { retryable: true, cause: error });
    }
    if (response.status >= 500) throw new ExternalError('nginx', `${url} answered HTTP ${response.status}.`, { status: response.status, retryable: true });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const stamp = response.ok ? nginxSplitStampSchema.safeParse(json) : undefined;
    if (stamp?.success) return { kind: 'served', stamp: stamp.data };
    return { kind: 'other', detail: `${url} answered HTTP ${response.status} ${JSON.stringify(truncate(body, 80))}, not the router's status ({"weight":…,"generation":…}); is verify-url the ${NGINX_ROUTE_PATH} location of this router?` };
  }
}

/** The status location's URL on a listen address (a wildcard host is reached on loopback). */
function routeUrlOf(listenAddress: string): string {
  const match = /^(?:(.*):)?(\d+)$/.exec(listenAddress);
  const host = match?.[1];
  const reachable = host === undefined || host === '*' || host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  return `http://${reachable}:${match?.[2] ?? listenAddress}${NGINX_ROUTE_PATH}`;
}

/** nginx's own words from its stderr: the `[emerg]`-style lines without timestamp and pid, else the last lines. */
function nginxMessage(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const errors = lines.filter((line) => /\[(emerg|alert|crit|error)\]/.test(line)).map((line) => line.replace(/^.*?\[(emerg|alert|crit|error)\]\s*(\d+#\d+:\s*)?/, ''));
  return truncate((errors.length > 0 ? errors : lines.slice(-3)).join(' | '), 500) || 'no message';
}
