import path from 'node:path';
import { z } from 'zod';
import { ConfigurationError, durationSchema, parseCommandLine, type Measurement, type MetricName, type MetricsProvider, type MetricsQuery } from '@safe-deploy/core';
import { checkMetricValue } from './check-metric-value';
import { READ_OPTION_FIXES, templateSchema } from './common-options';
import { formatPrometheusDuration } from './format-prometheus-duration';
import { metricNameSchema } from './metric-name-schema';
import { unitOf } from '@safe-deploy/core';
import { resolveDeps, type MetricsProviderDeps, type ResolvedDeps } from './metrics-provider-deps';
import { parseProviderOptions } from './parse-provider-options';
import { stampReadings, type Reading } from './reading';
import { renderTemplate, type TemplateVariable } from './render-template';
import { withRetries } from './with-retries';

const COMMAND_VARIABLES: readonly TemplateVariable[] = ['environment', 'track', 'version', 'window'];
const UNITS = ['percent', 'ms', 'per-second', 'count', 'bytes', 'boolean'] as const;

/** Options of `kind: command` (a program that prints measurements as JSON). */
export const commandOptionsSchema = z.strictObject({
  kind: z.literal('command'),
  name: z.string().min(1).optional(),
  /** An argument vector (`[node, scripts/metrics.mjs, --track, "{{track}}"]`) or a plain command line without shell syntax. */
  command: z.union([z.array(templateSchema(COMMAND_VARIABLES)).min(1), templateSchema(COMMAND_VARIABLES)]),
  /** The metrics it prints: each becomes an `error` reading when the command fails, `no-data` when it prints none. */
  metrics: z.array(metricNameSchema).min(1),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'), templateSchema(COMMAND_VARIABLES)).default({}),
  /** Working directory, relative to the workspace. */
  cwd: z.string().min(1).optional(),
  timeout: durationSchema.default(30).refine((seconds) => seconds > 0, 'must be more than 0'),
  retries: z.number().int().min(0).max(10).default(0),
  'retry-delay': durationSchema.default(1),
});

/** The command provider's options after defaults. */
export type CommandOptions = z.output<typeof commandOptionsSchema>;

const outputItemSchema = z.strictObject({
  metric: metricNameSchema,
  value: z.number().nullable().optional(),
  unit: z.enum(UNITS).optional(),
  windowSeconds: z.number().nonnegative().optional(),
  counts: z.strictObject({ requests: z.number().nonnegative(), errors: z.number().nonnegative() }).optional(),
  histogram: z.array(z.strictObject({ le: z.union([z.number(), z.literal('+Inf')]), count: z.number().nonnegative() })).min(1).optional(),
  /** With no value: why there is nothing to measure. */
  reason: z.string().optional(),
  /** The command could not read its own source. */
  error: z.string().optional(),
});
/** What a measuring command prints on stdout: a JSON array of readings. */
export const commandOutputSchema = z.array(outputItemSchema);

const FIXES = {
  ...READ_OPTION_FIXES,
  command: 'Give an argument vector, e.g. `command: [node, scripts/metrics.mjs, --track, "{{track}}"]`.',
  metrics: 'List the metrics the command prints, e.g. `metrics: [error-rate, latency-p95]`.',
  env: 'Use a mapping of variable names to strings.',
  cwd: 'Use a directory relative to the workspace.',
  timeout: 'Use a duration such as 30s.',
};

const quote = (arg: string) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/**
 * `kind: command`: runs a program (no shell) that prints `[{ metric, value, unit, counts?, histogram? }]` on stdout.
 * It gets the query as `{{track}}`-style arguments and as `SAFE_DEPLOY_TRACK`, `SAFE_DEPLOY_ENVIRONMENT`,
 * `SAFE_DEPLOY_VERSION`, `SAFE_DEPLOY_WINDOW_SECONDS` in its environment. A failed run (exit code, timeout, output
 * that is not valid JSON) becomes an `error` reading per declared metric, with the end of its stderr.
 */
export class CommandProvider implements MetricsProvider {
  readonly kind = 'command';
  readonly name: string;

  constructor(
    private readonly options: CommandOptions & { argv: [string, ...string[]] },
    private readonly deps: ResolvedDeps,
  ) {
    this.name = options.name ?? 'command';
  }

  /** Validates a `health.providers[i]` entry of kind command (`where` is its policy path) and builds the provider. */
  static fromConfig(config: unknown, where: string, deps?: MetricsProviderDeps): CommandProvider {
    const options = parseProviderOptions(commandOptionsSchema, config, where, FIXES);
    let argv: string[];
    if (typeof options.command === 'string') {
      const parsed = parseCommandLine(options.command);
      if (parsed?.kind !== 'argv') {
        throw new ConfigurationError(`${where}.command`, `uses shell syntax (${JSON.stringify(options.command)}); measuring commands run without a shell.`, 'Give an argument vector, or wrap a script: `command: [bash, scripts/metrics.sh]`.');
      }
      argv = parsed.argv;
    } else argv = options.command;
    const [file, ...args] = argv;
    if (file === undefined) throw new ConfigurationError(`${where}.command`, 'is empty.', FIXES.command);
    return new CommandProvider({ ...options, argv: [file, ...args] }, resolveDeps(deps));
  }

  async measure(query: MetricsQuery): Promise<Measurement[]> {
    const at = this.deps.clock.now().toISOString();
    const variables = { environment: query.environment, track: query.track, version: query.version, window: formatPrometheusDuration(query.windowSeconds) };
    const rendered = this.options.argv.map((arg) => renderTemplate(arg, variables));
    const env = Object.entries(this.options.env).map(([key, value]) => [key, renderTemplate(value, variables)] as const);
    const source = rendered.map((r, i) => quote(r.ok ? r.text : (this.options.argv[i] as string))).join(' ');
    const stamp = { provider: this.name, track: query.track, at };
    const missing = [...rendered, ...env.map(([, value]) => value)].flatMap((r) => (r.ok ? [] : r.missing));
    if (missing.length > 0) {
      const error = `the command uses ${[...new Set(missing)].map((v) => `{{${v}}}`).join(', ')}, unknown for the ${query.track} track`;
      return stampReadings(this.options.metrics.map((metric) => ({ kind: 'error', metric, source, error, attempts: 0 })), stamp);
    }
    const argv = rendered.map((r) => (r.ok ? r.text : '')) as [string, ...string[]];
    const run = await withRetries(
      async () => {
        const output = await this.deps.commandRunner.run(argv, {
          cwd: path.resolve(this.deps.cwd, this.options.cwd ?? '.'),
          timeoutSeconds: this.options.timeout,
          env: {
            ...Object.fromEntries(env.map(([key, value]) => [key, value.ok ? value.text : ''])),
            SAFE_DEPLOY_TRACK: query.track,
            SAFE_DEPLOY_ENVIRONMENT: query.environment,
            SAFE_DEPLOY_WINDOW_SECONDS: String(query.windowSeconds),
            ...(query.version ? { SAFE_DEPLOY_VERSION: query.version } : {}),
          },
        });
        const tail = output.stderr.trim().split('\n').slice(-3).join(' | ').slice(-300);
        const withTail = (text: string) => `${text}${tail ? ` (stderr: ${tail})` : ''}`;
        if (output.startError) return { ok: false as const, error: output.startError, retryable: false };
        if (output.timedOut) return { ok: false as const, error: withTail(`timed out after ${this.options.timeout} s`), retryable: true };
        if (output.exitCode !== 0) return { ok: false as const, error: withTail(`exited with code ${output.exitCode}`), retryable: true };
        return parseOutput(output.stdout);
      },
      { retries: this.options.retries, delaySeconds: this.options['retry-delay'], sleep: (s) => this.deps.clock.sleep(s) },
    );
    if (!run.ok) return stampReadings(this.options.metrics.map((metric) => ({ kind: 'error', metric, source, error: run.error, attempts: run.attempts })), stamp);
    const readings = new Map<MetricName, Reading>();
    for (const item of run.value) {
      const reading = readItem(item, source, run.attempts);
      readings.set(item.metric, readings.has(item.metric) ? { kind: 'error', metric: item.metric, source, error: `the command printed ${item.metric} more than once`, attempts: run.attempts } : reading);
    }
    for (const metric of this.options.metrics) {
      if (!readings.has(metric)) readings.set(metric, { kind: 'no-data', metric, source, reason: `the command printed nothing for ${metric}` });
    }
    return stampReadings([...readings.values()], stamp);
  }
}

function parseOutput(stdout: string): { ok: true; value: z.output<typeof commandOutputSchema> } | { ok: false; error: string; retryable: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    const excerpt = stdout.trim().slice(0, 80);
    return { ok: false, error: excerpt ? `stdout is not JSON: ${JSON.stringify(excerpt)} (print logs on stderr)` : 'printed nothing on stdout', retryable: true };
  }
  const parsed = commandOutputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = (issue?.path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    return { ok: false, error: `stdout is not a list of measurements: ${at ? `${at} ` : ''}${issue?.message ?? 'invalid'}`, retryable: false };
  }
  return { ok: true, value: parsed.data };
}

function readItem(item: z.output<typeof outputItemSchema>, source: string, attempts: number): Reading {
  const metric = item.metric;
  const fail = (error: string): Reading => ({ kind: 'error', metric, source, error, attempts });
  if (item.error !== undefined) return fail(item.error);
  if (item.value === undefined || item.value === null) return { kind: 'no-data', metric, source, reason: item.reason ?? 'the command printed no value' };
  const expected = unitOf(metric);
  const unit = item.unit ?? expected;
  if (unit === undefined) return fail(`${metric} needs a unit (one of ${UNITS.join(', ')})`);
  if (expected && unit !== expected) return fail(`${metric} is measured in ${expected}, the command printed ${unit}`);
  const problem = checkMetricValue(metric, item.value);
  if (problem) return fail(problem);
  if (item.counts && item.counts.errors > item.counts.requests) return fail(`counts: ${item.counts.errors} errors of ${item.counts.requests} requests`);
  const histogram = item.histogram?.map((bucket) => ({ le: bucket.le === '+Inf' ? Infinity : bucket.le, count: bucket.count }));
  if (histogram) {
    const ordered = histogram.every((bucket, i) => i === 0 || (bucket.le > (histogram[i - 1]?.le ?? -Infinity) && bucket.count >= (histogram[i - 1]?.count ?? 0)));
    if (!ordered || histogram.at(-1)?.le !== Infinity) return fail('histogram: buckets must be cumulative, by increasing le, ending with "+Inf"');
  }
  return {
    kind: 'value',
    metric,
    source,
    value: item.value,
    unit,
    ...(item.windowSeconds !== undefined ? { windowSeconds: item.windowSeconds } : {}),
    ...(item.counts ? { counts: item.counts } : {}),
    ...(histogram ? { histogram } : {}),
  };
}
