// End to end: the nginx router against a real nginx master (private prefix, loopback port) in front of two real
// sample apps, a stable and a canary build. Each weight change goes through `nginx -T` and `nginx -s reload`; the
// tests count where requests went twice: by the app's `x-app-track` header and by nginx's own access log
// (`$upstream_addr`). Every request opens its own connection, as separate clients would. About 5 s.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ConfigurationError, ExternalError, type TrafficRouter } from '@safe-deploy/core';
import { ProcessCommandRunner } from '../../packages/adapters/src/exec/process-command-runner';
import { createTrafficRouter } from '../../packages/adapters/src/traffic/create-traffic-router';
import type { TrafficRouterDeps } from '../../packages/adapters/src/traffic/traffic-router-deps';
import { findFreePort } from '../../packages/testing/src/find-free-port';
import { nginxAvailable, nginxBinary, startNginx, type LocalNginx } from '../support/start-nginx';
import { startSampleApp, type SampleApp } from '../support/start-sample-app';

interface Answer {
  status: number;
  track: string;
  upstream: string;
}

/** One GET on a connection of its own (no keep-alive), so that nginx draws every request and a reload cuts none. */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, track: String(response.headers['x-app-track']), upstream: String(response.headers['x-safe-deploy-upstream']) }));
      })
      .on('error', reject);
  });
}

/** `count` requests, 20 at a time. */
async function send(url: string, count: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let sent = 0; sent < count; sent += 20) answers.push(...(await Promise.all(Array.from({ length: Math.min(20, count - sent) }, () => get(url)))));
  return answers;
}

const share = (answers: readonly Answer[], track: string) => answers.filter((answer) => answer.track === track).length / answers.length;

// Skipped only where nginx is missing and this is not CI: CI installs it, so there a missing nginx must fail loudly.
const skip = !nginxAvailable() && !process.env.CI;
const describeWithNginx = skip ? describe.skip : describe;
const skipped = `SKIPPED: nginx is not installed (no ${nginxBinary()}); run \`npm run setup:e2e\` or set NGINX_BIN`;
if (skip) console.warn(`test/e2e/nginx-router.test.ts ${skipped}`);
const title = `NginxRouter against a real nginx and two sample apps${skip ? ` — ${skipped}` : ''}`;

describeWithNginx(title, () => {
  let stable: SampleApp;
  let canary: SampleApp;
  let nginx: LocalNginx;
  let router: TrafficRouter;
  let deps: TrafficRouterDeps;
  const commandOutput: string[] = [];
  const address = (app: SampleApp) => `127.0.0.1:${app.port}`;

  /** The requests to `/` nginx logged since `mark`; waits for the log to catch up with `expected` entries. */
  async function loggedSince(mark: number, expected: number) {
    for (let attempt = 0; ; attempt++) {
      const entries = (await nginx.accessLog()).slice(mark).filter((entry) => entry.path === '/');
      if (entries.length >= expected || attempt === 50) return entries;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends `count` requests; returns the answers and where nginx's access log says each went. */
  async function route(count: number) {
    const mark = (await nginx.accessLog()).length;
    const answers = await send(`${nginx.url}/`, count);
    const logged = await loggedSince(mark, count);
    return { answers, logged, toCanary: logged.filter((entry) => entry.upstream === address(canary)).length, toStable: logged.filter((entry) => entry.upstream === address(stable)).length };
  }

  beforeAll(async () => {
    [stable, canary] = await Promise.all([startSampleApp({ track: 'stable', version: 'v1' }), startSampleApp({ track: 'canary', version: 'v2' })]);
    nginx = await startNginx({ stable: address(stable), canary: address(canary) });
    deps = { runner: new ProcessCommandRunner({ secrets: [], echo: (chunk) => commandOutput.push(chunk) }), workingDirectory: nginx.prefix };
    router = createTrafficRouter(nginx.routerConfig(), deps);
  });

  afterAll(async () => {
    await nginx?.close();
    await Promise.all([stable?.close(), canary?.close()]);
  });

  it('reads the split nginx serves before any change: generation 0, nothing to the canary', async () => {
    expect(router.describe()).toBe(`nginx 127.0.0.1:${nginx.port} → stable ${address(stable)} / canary ${address(canary)} (${nginx.configFile})`);
    expect(await router.readWeight()).toEqual({ weight: 0, detail: `nginx serves generation 0: 0 % to the canary (${nginx.url}/__safe-deploy/route)` });
  });

  it('setWeight(0) sends every request to stable', async () => {
    await router.setWeight(0);
    expect(await router.readWeight()).toMatchObject({ weight: 0, detail: expect.stringContaining('generation 1') });
    const { answers, logged, toStable } = await route(100);
    expect(answers.every((answer) => answer.status === 200 && answer.track === 'stable' && answer.upstream === 'safe_deploy_stable')).toBe(true);
    expect([logged.length, toStable]).toEqual([100, 100]);
  });

  it('setWeight(25) sends about a quarter of 400 requests to the canary, as nginx logs them', async () => {
    await router.setWeight(25);
    expect(await router.readWeight()).toEqual({ weight: 25, detail: `nginx serves generation 2: 25 % to the canary (${nginx.url}/__safe-deploy/route)` });
    const { answers, logged, toCanary, toStable } = await route(400);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Binomial(400, 0.25): 100 ± 8.7; 15–35 % is more than four standard deviations either way.
    expect(share(answers, 'canary')).toBeGreaterThanOrEqual(0.15);
    expect(share(answers, 'canary')).toBeLessThanOrEqual(0.35);
    expect(toCanary + toStable).toBe(400);
    expect(toCanary).toBe(answers.filter((answer) => answer.track === 'canary').length);
    expect(answers.every((answer) => answer.upstream === `safe_deploy_${answer.track}`)).toBe(true);
    expect(logged).toHaveLength(400);
  });

  it('setWeight(100) sends every request to the canary', async () => {
    await router.setWeight(100);
    expect(await router.readWeight()).toMatchObject({ weight: 100, detail: expect.stringContaining('generation 3') });
    const { answers, toCanary } = await route(100);
    expect(share(answers, 'canary')).toBe(1);
    expect(toCanary).toBe(100);
  });

  it('keeps serving the previous split when nginx rejects the new file, and names the option', async () => {
    const before = await readFile(nginx.configFile, 'utf8');
    const broken = createTrafficRouter(nginx.routerConfig(address(stable), 'no-such-host.invalid:8082'), deps);
    const error = (await broken.setWeight(50).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).where).toBe('canary.router.canary');
    expect(error.message).toContain('host not found in upstream "no-such-host.invalid:8082"');
    expect(error.message).toContain('The previous file is back in place and still served.');
    expect(await readFile(nginx.configFile, 'utf8')).toBe(before);
    expect(await router.readWeight()).toMatchObject({ weight: 100, detail: expect.stringContaining('generation 3') });
    expect(share((await route(40)).answers, 'canary')).toBe(1);
  });

  it('reads the generation nginx serves, not the one written, until nginx reloads', async () => {
    const written = (await readFile(nginx.configFile, 'utf8')).replaceAll('"generation":3', '"generation":9');
    await writeFile(nginx.configFile, written);
    expect(await router.readWeight()).toMatchObject({ detail: expect.stringContaining('generation 3') });
    await deps.runner.run({ kind: 'argv', argv: [nginx.binary, ...nginx.nginxArgs, '-s', 'reload'], text: 'nginx -s reload' }, { env: {}, cwd: nginx.prefix, timeoutSeconds: 5 });
    const deadline = Date.now() + 5000;
    while (!(await router.readWeight()).detail.includes('generation 9') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await router.readWeight()).toMatchObject({ weight: 100, detail: expect.stringContaining('generation 9') });
  });

  it('serves a fractional weight and continues from the generation in the file', async () => {
    await router.setWeight(2.5);
    expect(await router.readWeight()).toEqual({ weight: 2.5, detail: expect.stringContaining('nginx serves generation 10: 2.5 %') });
    const { answers } = await route(100);
    expect(share(answers, 'stable')).toBeGreaterThan(0.85);
  });

  it('fails when nginx takes the file at -T but not at reload, and says what the file holds', async () => {
    // nginx -T does not bind listen addresses; the reload does, fails, and nginx keeps serving the old file.
    const taken = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const clashing = createTrafficRouter(nginx.routerConfig(undefined, undefined, { listen: `127.0.0.1:${port}`, 'verify-url': `${nginx.url}/__safe-deploy/route`, 'reload-timeout': 1 }), deps);
      const error = (await clashing.setWeight(50).catch((caught: unknown) => caught)) as Error;
      expect(error).toBeInstanceOf(ExternalError);
      expect(error.message).toMatch(/^nginx: reloaded, but .* did not serve generation 11 within 1 s \(last: generation 10 \(2\.5 % to the canary\)\)\. nginx may have rejected the new file at reload/);
      expect(await nginx.errorLog()).toMatch(/bind\(\) to 127\.0\.0\.1:\d+ failed \(98: Address already in use\)/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    await router.setWeight(0);
    expect(await router.readWeight()).toMatchObject({ weight: 0, detail: expect.stringContaining('generation 12') });
  });

  it('refuses a config-file that nginx does not include, and leaves nothing behind', async () => {
    const stray = path.join(nginx.prefix, 'not-included.conf');
    const error = (await createTrafficRouter(nginx.routerConfig(undefined, undefined, { 'config-file': stray, name: 'stray' }), deps).setWeight(10).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).where).toBe('canary.router.config-file');
    expect(error.message).toContain(`does not include ${stray}`);
    await expect(readFile(stray, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to overwrite a config-file it did not write', async () => {
    const theirs = path.join(nginx.prefix, 'nginx.conf');
    const before = await readFile(theirs, 'utf8');
    const error = (await createTrafficRouter(nginx.routerConfig(undefined, undefined, { 'config-file': theirs }), deps).setWeight(10).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('was not written by safe-deploy');
    expect(await readFile(theirs, 'utf8')).toBe(before);
  });
});
