// The nginx router's decisions with a scripted nginx (the real one is in test/e2e/nginx-router.test.ts): what it
// writes, what it puts back, how it classifies nginx's complaints and how it waits for a reload.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, ExternalError, type CommandLine, type CommandResult, type CommandRunner } from '@safe-deploy/core';
import type { CapturedOutput, CapturingCommandRunner } from '../metrics/capturing-command-runner';
import { NginxRouter } from './nginx-router';
import { parseNginxSplitStamp } from './render-nginx-split';

/** Answers `nginx -T` and `nginx -s reload` from a script, and records what was run. */
class ScriptedNginx implements CommandRunner, CapturingCommandRunner {
  readonly calls: string[] = [];
  test: Partial<CapturedOutput> = {};
  reload: Partial<CommandResult> = {};
  /** The router's file as it was when `-T` ran. */
  tested: string | undefined;

  constructor(private readonly configFile: string) {}

  async locate(): Promise<string | undefined> {
    return undefined;
  }

  async run(command: CommandLine | readonly string[], options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CommandResult & CapturedOutput> {
    const argv = 'kind' in command ? (command.kind === 'argv' ? command.argv : [command.script]) : command;
    this.calls.push(argv.join(' '));
    expect(options.timeoutSeconds).toBe(5);
    if (argv.includes('-T')) {
      this.tested = await readFile(this.configFile, 'utf8').catch(() => undefined);
      return { ...ok, stdout: `# configuration file /etc/nginx/nginx.conf:\nhttp {}\n\n# configuration file ${this.configFile}:\n${this.tested}`, ...this.test };
    }
    return { ...ok, ...this.reload };
  }
}
const ok: CommandResult & CapturedOutput = { exitCode: 0, timedOut: false, durationMs: 1, outputTail: '', stdout: '', stderr: '' };

let dir: string;
let configFile: string;
let nginx: ScriptedNginx;
/** What the status location answers, in turn (the last answer repeats); an Error is a failed connection. */
let served: (string | Error)[];
const slept: number[] = [];

const fakeFetch = (async () => {
  const next = served.length > 1 ? served.shift() : served[0];
  if (next instanceof Error) throw next;
  return new Response(next ?? '', { status: next?.startsWith('{') ? 200 : 404 });
}) as typeof fetch;

function router(options: Record<string, unknown> = {}): NginxRouter {
  return NginxRouter.fromConfig(
    { kind: 'nginx', 'config-file': 'conf.d/safe-deploy.conf', stable: '127.0.0.1:8081', canary: ['127.0.0.1:8082', '127.0.0.1:8083'], listen: 8080, nginx: '/usr/sbin/nginx', 'nginx-args': ['-c', '/etc/nginx/nginx.conf'], 'reload-timeout': 5, ...options },
    { runner: nginx, capture: nginx, workingDirectory: dir, fetch: fakeFetch, sleep: async (seconds) => void slept.push(seconds) },
  );
}
const stampOf = async () => parseNginxSplitStamp(await readFile(configFile, 'utf8'));
const status = (weight: number, generation: number) => JSON.stringify({ weight, generation });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safe-deploy-nginx-router-'));
  await mkdir(path.join(dir, 'conf.d'));
  configFile = path.join(dir, 'conf.d', 'safe-deploy.conf');
  nginx = new ScriptedNginx(configFile);
  served = [status(25, 1)];
  slept.length = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('NginxRouter', () => {
  it('writes generation 1, tests it with -T, reloads, and resolves once three answers in a row show it', async () => {
    // An old worker still answers once after the reload, and one connection is cut: both are expected.
    served = [status(0, 0), new Error('fetch failed'), status(25, 1), status(0, 0), status(25, 1)];
    await router().setWeight(25);
    expect(nginx.calls).toEqual(['/usr/sbin/nginx -c /etc/nginx/nginx.conf -T', '/usr/sbin/nginx -c /etc/nginx/nginx.conf -s reload']);
    expect(parseNginxSplitStamp(nginx.tested ?? '')).toEqual({ weight: 25, generation: 1 });
    expect(await stampOf()).toEqual({ weight: 25, generation: 1 });
    expect(served).toEqual([status(25, 1)]);
    expect(slept).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it('numbers generations on from the file, so that a new process continues the count', async () => {
    served = [status(5, 1)];
    await router().setWeight(5);
    served = [status(50, 2)];
    await router().setWeight(50);
    expect(await stampOf()).toEqual({ weight: 50, generation: 2 });
  });

  it('puts the previous file back when nginx rejects the new one, and names the option nginx complains about', async () => {
    served = [status(5, 1)];
    await router().setWeight(5);
    const before = await readFile(configFile, 'utf8');
    nginx.test = { exitCode: 1, stderr: `nginx: [emerg] host not found in upstream "shop-canary.internal:8083" in ${configFile}:9\nnginx: configuration file /etc/nginx/nginx.conf test failed\n` };
    const error = (await router({ canary: 'shop-canary.internal:8083' }).setWeight(50).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      `canary.router.canary: nginx rejects the configuration (\`/usr/sbin/nginx -c /etc/nginx/nginx.conf -T\`, exit code 1): host not found in upstream "shop-canary.internal:8083" in ${configFile}:9. The previous file is back in place and still served. Fix: Use canary addresses nginx can resolve when it loads its configuration (an IP address, or a name in DNS or /etc/hosts), e.g. 127.0.0.1:8082.`,
    );
    expect(await readFile(configFile, 'utf8')).toBe(before);
    expect(nginx.calls.filter((call) => call.endsWith('reload'))).toHaveLength(1);
  });

  it('blames nginx, not the router, for an error outside the router file, and removes a first file', async () => {
    nginx.test = { exitCode: 1, stderr: '2026/01/01 12:00:00 [emerg] 12#12: unknown directive "sever" in /etc/nginx/sites-enabled/shop:3\n' };
    const error = (await router().setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toContain('unknown directive "sever" in /etc/nginx/sites-enabled/shop:3. The previous file is back in place and still served. The error is outside the router\'s file');
    await expect(readFile(configFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('puts the previous file back when the reload signal cannot be sent', async () => {
    nginx.reload = { exitCode: 1, outputTail: 'nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)' };
    const error = (await router().setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe(
      'nginx: `/usr/sbin/nginx -c /etc/nginx/nginx.conf -s reload` failed (exit code 1): open() "/run/nginx.pid" failed (2: No such file or directory). Is nginx running, started with the same -p/-c as nginx-args? The previous file is back in place.',
    );
    expect((error as ExternalError).retryable).toBe(true);
    await expect(readFile(configFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('names canary.router.nginx when the binary cannot be run', async () => {
    nginx.test = { exitCode: 127, startError: 'could not start /usr/sbin/nginx: ENOENT' };
    const error = (await router().setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect((error as ConfigurationError).where).toBe('canary.router.nginx');
  });

  it('gives up after reload-timeout when nginx keeps serving the old generation, keeping the new file', async () => {
    served = [status(0, 0)];
    const error = (await router().setWeight(25).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe(
      `nginx: reloaded, but http://127.0.0.1:8080/__safe-deploy/route did not serve generation 1 within 5 s (last: generation 0 (0 % to the canary)). nginx may have rejected the new file at reload (e.g. its listen address is taken): see nginx's error log. ${configFile} holds generation 1.`,
    );
    expect(slept).toHaveLength(50);
    expect(await stampOf()).toEqual({ weight: 25, generation: 1 });
  });

  it('refuses a file it did not write', async () => {
    await writeFile(configFile, 'upstream shop { server 10.0.0.1:80; }\n');
    const error = (await router().setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect((error as ConfigurationError).where).toBe('canary.router.config-file');
    expect(await readFile(configFile, 'utf8')).toBe('upstream shop { server 10.0.0.1:80; }\n');
    expect(nginx.calls).toEqual([]);
  });

  it('refuses a weight nginx cannot express before touching anything', async () => {
    const error = (await router().setWeight(33.333).catch((caught: unknown) => caught)) as Error;
    expect((error as ConfigurationError).where).toBe('canary.stages');
    expect(nginx.calls).toEqual([]);
  });

  describe('readWeight', () => {
    it('reads the served split from the status location derived from listen', async () => {
      served = [status(2.5, 7)];
      expect(await router().readWeight()).toEqual({ weight: 2.5, detail: 'nginx serves generation 7: 2.5 % to the canary (http://127.0.0.1:8080/__safe-deploy/route)' });
    });

    it('reports no weight when verify-url answers something else', async () => {
      served = ['Not Found'];
      expect(await router({ 'verify-url': 'http://10.0.0.5/' }).readWeight()).toEqual({
        weight: undefined,
        detail: 'http://10.0.0.5/ answered HTTP 404 "Not Found", not the router\'s status ({"weight":…,"generation":…}); is verify-url the /__safe-deploy/route location of this router?',
      });
    });

    it('throws an ExternalError when the status location cannot be reached', async () => {
      served = [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })];
      const error = (await router().readWeight().catch((caught: unknown) => caught)) as Error;
      expect(error.message).toBe('nginx: could not read the served split from http://127.0.0.1:8080/__safe-deploy/route: ECONNREFUSED.');
      expect((error as ExternalError).retryable).toBe(true);
    });

    it('without listen or verify-url, reads the written file and says it is not the served split', async () => {
      const quiet = router({ listen: undefined });
      expect(await quiet.readWeight()).toEqual({ weight: undefined, detail: `${configFile} does not exist yet (no weight was set)` });
      await quiet.setWeight(10);
      expect(slept).toEqual([]);
      expect(await quiet.readWeight()).toEqual({
        weight: 10,
        detail: `${configFile} holds generation 1: 10 % to the canary (the written config, not necessarily what nginx serves: set listen or verify-url to read the served split)`,
      });
    });
  });
});
