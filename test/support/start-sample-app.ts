import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopChild, trackChild } from './child-processes';

/** The sample app's fault switches (see sample-app/server.mjs). */
export interface SampleAppFaults {
  errorRate: number;
  latencyMs: number;
  memoryGrowthMbPerMin: number;
  failHealth: boolean;
  dbErrors: number;
}

/** How to start the sample app. */
export interface SampleAppOptions {
  track?: 'canary' | 'stable' | 'current';
  version?: string;
  /** The faulty build of the demo (health 503, half of requests fail). */
  faulty?: boolean;
  /** Faults from the start (set through the environment, as a deploy would). */
  faults?: Partial<SampleAppFaults>;
  memoryLimitMb?: number;
  env?: Record<string, string>;
}

/** A running sample app on loopback. */
export interface SampleApp {
  url: string;
  healthUrl: string;
  metricsUrl: string;
  port: number;
  pid: number;
  /** Switches faults at run time (POST /_faults); returns the faults now in force. */
  setFaults(faults: Partial<SampleAppFaults>): Promise<SampleAppFaults>;
  /** Switches every fault off. */
  clearFaults(): Promise<SampleAppFaults>;
  /** What the app printed so far. */
  output(): string;
  close(): Promise<void>;
}

const SERVER = path.resolve(import.meta.dirname, '..', '..', 'sample-app', 'server.mjs');
const ENV_OF: Record<keyof SampleAppFaults, string> = {
  errorRate: 'APP_ERROR_RATE',
  latencyMs: 'APP_LATENCY_MS',
  memoryGrowthMbPerMin: 'APP_MEMORY_GROWTH_MB_PER_MIN',
  failHealth: 'APP_FAIL_HEALTH',
  dbErrors: 'APP_DB_ERRORS',
};

/**
 * Spawns sample-app/server.mjs on a free loopback port and waits until it says where it listens. The app exits
 * when its stdin closes, so it cannot outlive the test process; `close()` stops it (SIGTERM, then SIGKILL).
 */
export async function startSampleApp(options: SampleAppOptions = {}): Promise<SampleApp> {
  const faultEnv = Object.fromEntries(
    Object.entries(options.faults ?? {}).map(([key, value]) => [ENV_OF[key as keyof SampleAppFaults], typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]),
  );
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      APP_PORT: '0',
      APP_TRACK: options.track ?? 'stable',
      APP_VERSION: options.version ?? 'dev',
      APP_FAULTY: options.faulty ? '1' : '0',
      APP_EXIT_WITH_STDIN: '1',
      ...(options.memoryLimitMb ? { APP_MEMORY_LIMIT_MB: String(options.memoryLimitMb) } : {}),
      ...faultEnv,
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  trackChild(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the sample app did not start within 10 s:\n${output}`)), 10_000);
    const onData = () => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the sample app exited (code ${code}) before listening:\n${output}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    function fail(error: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  const url = `http://127.0.0.1:${port}`;
  const control = async (method: 'POST' | 'DELETE', body?: Partial<SampleAppFaults>): Promise<SampleAppFaults> => {
    const response = await fetch(`${url}/_faults`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    const answer = (await response.json()) as SampleAppFaults & { error?: string };
    if (!response.ok) throw new Error(`the sample app refused the faults: ${answer.error}`);
    return answer;
  };
  return {
    url,
    healthUrl: `${url}/health`,
    metricsUrl: `${url}/metrics`,
    port,
    pid: child.pid as number,
    setFaults: (faults) => control('POST', faults),
    clearFaults: () => control('DELETE'),
    output: () => output,
    close: async () => {
      child.stdin.end();
      await stopChild(child);
    },
  };
}
