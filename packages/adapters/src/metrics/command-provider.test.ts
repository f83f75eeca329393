import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, type Measurement, type MetricsQuery } from '@safe-deploy/core';
import type { CapturedOutput, CapturingCommandRunner } from './capturing-command-runner';
import { CommandProvider } from './command-provider';
import { ExecFileCommandRunner } from './exec-file-command-runner';
import { ManualClock } from './test-support/manual-clock';

const query: MetricsQuery = { track: 'canary', environment: 'staging', windowSeconds: 120, version: 'v2' };
const byMetric = (measurements: Measurement[]) => Object.fromEntries(measurements.map((m) => [m.metric, m]));

/** A runner that answers from a script and records what it was asked to run. */
class ScriptedRunner implements CapturingCommandRunner {
  readonly calls: { argv: readonly string[]; env: Record<string, string>; cwd: string }[] = [];
  constructor(private readonly outputs: Partial<CapturedOutput>[]) {}
  async run(argv: readonly [string, ...string[]], options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CapturedOutput> {
    this.calls.push({ argv, env: options.env, cwd: options.cwd });
    const next = this.outputs.length > 1 ? this.outputs.shift() : this.outputs[0];
    return { exitCode: 0, timedOut: false, stdout: '', stderr: '', ...next };
  }
}

function provider(outputs: Partial<CapturedOutput>[], options: Record<string, unknown> = {}) {
  const runner = new ScriptedRunner(outputs);
  const clock = new ManualClock();
  const command = CommandProvider.fromConfig(
    { kind: 'command', name: 'synthetic', command: ['./metrics.sh', '--track', '{{track}}', '--window={{window}}'], metrics: ['error-rate', 'latency-p95'], ...options },
    'health.providers[3]',
    { commandRunner: runner, clock, cwd: '/workspace' },
  );
  return { command, runner, clock };
}
const json = (value: unknown) => ({ stdout: JSON.stringify(value) });

describe('CommandProvider', () => {
  it('turns the printed JSON into measurements, with counts and histograms', async () => {
    const { command, runner } = provider([
      json([
        { metric: 'error-rate', value: 1.25, unit: 'percent', counts: { requests: 800, errors: 10 }, windowSeconds: 120 },
        { metric: 'latency-p95', value: 180, unit: 'ms', histogram: [{ le: 100, count: 500 }, { le: 250, count: 790 }, { le: '+Inf', count: 800 }] },
      ]),
    ]);
    const m = await command.measure(query);
    expect(m).toEqual([
      { provider: 'synthetic', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'error-rate', source: './metrics.sh --track canary --window=2m', value: 1.25, unit: 'percent', windowSeconds: 120, counts: { requests: 800, errors: 10 } },
      { provider: 'synthetic', track: 'canary', at: '2026-01-01T12:00:00.000Z', kind: 'value', metric: 'latency-p95', source: expect.any(String), value: 180, unit: 'ms', histogram: [{ le: 100, count: 500 }, { le: 250, count: 790 }, { le: Infinity, count: 800 }] },
    ]);
    expect(runner.calls[0]).toEqual({
      argv: ['./metrics.sh', '--track', 'canary', '--window=2m'],
      cwd: '/workspace',
      env: { SAFE_DEPLOY_TRACK: 'canary', SAFE_DEPLOY_ENVIRONMENT: 'staging', SAFE_DEPLOY_WINDOW_SECONDS: '120', SAFE_DEPLOY_VERSION: 'v2' },
    });
  });

  it.each([
    ['an exit code', { exitCode: 3, stderr: 'line 1\nconnection refused' }, 'exited with code 3 (stderr: line 1 | connection refused)'],
    ['a timeout', { exitCode: 143, timedOut: true }, 'timed out after 30 s'],
    ['stdout that is not JSON', { stdout: 'fetching...\n[{"metric":"error-rate"}]' }, 'stdout is not JSON: "fetching...\\n[{\\"metric\\":\\"error-rate\\"}]" (print logs on stderr)'],
    ['nothing on stdout', { stdout: '' }, 'printed nothing on stdout'],
    ['JSON that is not a list of measurements', json({ errorRate: 1 }), 'stdout is not a list of measurements: Invalid input: expected array, received object'],
    ['an unknown metric name', json([{ metric: 'error_rate', value: 1, unit: 'percent' }]), 'stdout is not a list of measurements: [0].metric expected one of'],
    ['a value that is not a number', json([{ metric: 'error-rate', value: '1.5', unit: 'percent' }]), '[0].value'],
    ['a command that cannot start', { exitCode: 127, startError: 'could not start ./metrics.sh: ENOENT' }, 'could not start ./metrics.sh: ENOENT'],
  ])('reports %s as an error for every declared metric', async (_name, output, error) => {
    const { command } = provider([output]);
    const m = await command.measure(query);
    expect(m.map((x) => x.metric)).toEqual(['error-rate', 'latency-p95']);
    for (const x of m) expect(x).toMatchObject({ kind: 'error', attempts: 1 });
    expect((m[0] as { error: string }).error).toContain(error);
  });

  it.each([
    ['a negative value', { metric: 'error-rate', value: -1, unit: 'percent' }, 'the value -1 is negative'],
    ['a rate above 100 %', { metric: 'error-rate', value: 140, unit: 'percent' }, 'the value 140 is above 100 %'],
    ['the wrong unit', { metric: 'latency-p95', value: 0.2, unit: 'percent' }, 'latency-p95 is measured in ms, the command printed percent'],
    ['more errors than requests', { metric: 'error-rate', value: 1, unit: 'percent', counts: { requests: 1, errors: 2 } }, 'counts: 2 errors of 1 requests'],
    ['a histogram that is not cumulative', { metric: 'latency-p95', value: 1, unit: 'ms', histogram: [{ le: 1, count: 5 }, { le: '+Inf', count: 2 }] }, 'histogram: buckets must be cumulative'],
    ['a custom metric without a unit', { metric: 'custom:queue', value: 3 }, 'custom:queue needs a unit'],
    ['its own error', { metric: 'error-rate', error: 'the APM API answered 401' }, 'the APM API answered 401'],
  ])('turns %s into an error for that metric only', async (_name, item, error) => {
    const { command } = provider([json([item, ...(item.metric === 'latency-p95' ? [] : [{ metric: 'latency-p95', value: 100, unit: 'ms' }])])]);
    const m = byMetric(await command.measure(query));
    expect(m[item.metric]).toMatchObject({ kind: 'error' });
    expect((m[item.metric] as { error: string }).error).toContain(error);
    if (item.metric !== 'latency-p95') expect(m['latency-p95']).toMatchObject({ kind: 'value' });
  });

  it('reports a declared metric it did not print, or printed without a value, as no-data', async () => {
    const { command } = provider([json([{ metric: 'error-rate', value: null, reason: 'no traffic yet' }])]);
    const m = byMetric(await command.measure(query));
    expect(m['error-rate']).toMatchObject({ kind: 'no-data', reason: 'no traffic yet' });
    expect(m['latency-p95']).toMatchObject({ kind: 'no-data', reason: 'the command printed nothing for latency-p95' });
  });

  it('retries a failed run when told to, with backoff', async () => {
    const { command, runner, clock } = provider([{ exitCode: 1 }, json([{ metric: 'error-rate', value: 0, unit: 'percent' }, { metric: 'latency-p95', value: 9, unit: 'ms' }])], { retries: 2, 'retry-delay': '2s' });
    const m = await command.measure(query);
    expect(m.every((x) => x.kind === 'value')).toBe(true);
    expect(runner.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([2]);
  });

  it('refuses a template the query cannot fill', async () => {
    const { command, runner } = provider([json([])], { command: ['./m.sh', '{{version}}'] });
    const m = await command.measure({ ...query, version: undefined });
    expect(m[0]).toMatchObject({ kind: 'error', attempts: 0, error: 'the command uses {{version}}, unknown for the canary track' });
    expect(runner.calls).toHaveLength(0);
  });

  it('accepts a plain command line and runs it without a shell', async () => {
    const { command, runner } = provider([json([])], { command: "node scripts/metrics.mjs --name 'a b'" });
    await command.measure(query);
    expect(runner.calls[0]?.argv).toEqual(['node', 'scripts/metrics.mjs', '--name', 'a b']);
  });

  it.each([
    [{ command: 'curl -s http://x | jq .' }, 'health.providers[3].command', 'uses shell syntax'],
    [{ metrics: [] }, 'health.providers[3].metrics', ''],
    [{ metrics: undefined }, 'health.providers[3].metrics', 'is missing'],
    [{ command: ['m.sh', '{{labels}}'] }, 'health.providers[3].command[1]', 'unknown variable {{labels}}'],
    [{ env: { 'BAD-NAME': 'x' } }, 'health.providers[3].env.BAD-NAME', ''],
  ])('names the policy path of a configuration mistake: %j', (patch, where, problem) => {
    let error: unknown;
    try {
      provider([], patch);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).where).toBe(where);
    expect((error as ConfigurationError).message).toContain(problem);
  });
});

describe('ExecFileCommandRunner', () => {
  const runner = new ExecFileCommandRunner();
  const node = process.execPath;

  it('captures stdout and stderr apart, with the environment given', async () => {
    const output = await runner.run([node, '-e', 'console.log(process.env.SAFE_DEPLOY_TRACK); console.error("log line")'], { env: { SAFE_DEPLOY_TRACK: 'canary' }, cwd: process.cwd(), timeoutSeconds: 10 });
    expect(output).toEqual({ exitCode: 0, timedOut: false, stdout: 'canary\n', stderr: 'log line\n' });
  });

  it('kills a command that outlives its timeout', async () => {
    const started = Date.now();
    const output = await runner.run([node, '-e', 'setTimeout(() => {}, 60000)'], { env: {}, cwd: process.cwd(), timeoutSeconds: 0.3 });
    expect(output.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports a missing program instead of throwing', async () => {
    const output = await runner.run(['/nonexistent/metrics'], { env: {}, cwd: process.cwd(), timeoutSeconds: 5 });
    expect(output).toMatchObject({ exitCode: 127, startError: 'could not start /nonexistent/metrics: ENOENT' });
  });

  it('runs a real measuring command end to end through the provider', async () => {
    const script = 'const w = Number(process.env.SAFE_DEPLOY_WINDOW_SECONDS); console.log(JSON.stringify([{ metric: "error-rate", value: 0.5, unit: "percent", windowSeconds: w }]))';
    const command = CommandProvider.fromConfig({ kind: 'command', command: [node, '-e', script], metrics: ['error-rate'] }, 'health.providers[0]', { clock: new ManualClock() });
    expect(await command.measure(query)).toEqual([expect.objectContaining({ kind: 'value', metric: 'error-rate', value: 0.5, windowSeconds: 120, provider: 'command' })]);
  });
});
