import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { stopChild, trackChild } from './child-processes';
import { findFreePort } from '../../packages/testing/src/find-free-port';

/** One scrape target: a loopback `/metrics` URL, with optional extra target labels. */
export interface PrometheusTarget {
  url: string;
  job?: string;
  labels?: Record<string, string>;
}

/** How to start Prometheus. */
export interface StartPrometheusOptions {
  targets: PrometheusTarget[];
  /** Prometheus duration; 1s by default so that short test windows hold several samples. */
  scrapeInterval?: string;
  /** Wait until every target has been scraped once (default true). */
  waitForTargets?: boolean;
  binary?: string;
}

/** A Prometheus server on loopback, with its own temporary config and storage. */
export interface LocalPrometheus {
  url: string;
  port: number;
  pid: number;
  /** Stops the server (the data directory stays until `close`); used to kill it mid-test. */
  stop(): Promise<void>;
  /** Stops the server and removes its directory. */
  close(): Promise<void>;
  output(): string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Starts `/usr/bin/prometheus` (or PROMETHEUS_BIN) scraping the given loopback targets every second, with a
 * generated config and a temporary TSDB, on a free 127.0.0.1 port. Waits for `/-/ready` and, unless told not to,
 * for the first scrape of every target to be up (Prometheus 2.x applies new targets after ~5 s). A missing binary
 * is a clear error that says how to install it.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<LocalPrometheus> {
  const binary = options.binary ?? process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
  if (!existsSync(binary)) {
    throw new Error(`Prometheus is not installed (no ${binary}). Install it with \`sudo apt-get install -y prometheus\` (CI does), or set PROMETHEUS_BIN to its path.`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'safe-deploy-prometheus-'));
  try {
    const config = {
      global: { scrape_interval: options.scrapeInterval ?? '1s', scrape_timeout: '1s', evaluation_interval: options.scrapeInterval ?? '1s' },
      scrape_configs: options.targets.map((target, index) => {
        const url = new URL(target.url);
        if (!LOOPBACK.has(url.hostname)) throw new Error(`start-prometheus scrapes loopback targets only, not ${url.hostname}`);
        return {
          job_name: target.job ?? `target-${index}`,
          metrics_path: url.pathname,
          scheme: url.protocol.replace(':', ''),
          static_configs: [{ targets: [url.host], ...(target.labels ? { labels: target.labels } : {}) }],
        };
      }),
    };
    await writeFile(path.join(dir, 'prometheus.yml'), stringify(config));
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const started = await launch(binary, dir, port);
      if (started.ok) {
        const prometheus = started.value;
        try {
          if (options.waitForTargets ?? true) await waitForTargets(prometheus.url, options.targets.length, prometheus.output);
          return prometheus;
        } catch (error) {
          await prometheus.close();
          throw error;
        }
      }
      if (!started.portTaken || attempt === 3) throw new Error(`Prometheus did not start: ${started.error}`);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(binary: string, dir: string, port: number): Promise<{ ok: true; value: LocalPrometheus } | { ok: false; error: string; portTaken: boolean }> {
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  trackChild(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return { ok: false, error: output.trim().split('\n').slice(-3).join('\n'), portTaken: /address already in use/.test(output) };
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })).ok) {
        const stop = () => stopChild(child, 5000);
        return {
          ok: true,
          value: {
            url,
            port,
            pid: child.pid as number,
            stop,
            close: async () => {
              await stop();
              await rm(dir, { recursive: true, force: true });
            },
            output: () => output,
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopChild(child, 1000);
  return { ok: false, error: `not ready within 15 s\n${output}`, portTaken: false };
}

async function waitForTargets(url: string, count: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    const answer = (await (await fetch(`${url}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: { health: string; lastError: string; scrapeUrl: string }[] } };
    const targets = answer.data.activeTargets;
    if (targets.length === count && targets.every((target) => target.health === 'up')) return;
    last = targets.map((target) => `${target.scrapeUrl}: ${target.health} ${target.lastError}`).join('; ');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus did not scrape every target within 30 s (${last || 'no targets yet'})\n${output()}`);
}
