import { z } from 'zod';
import { ConfigurationError, durationSchema, ExternalError, parseCommandLine, truncate, type CommandLine, type TrafficReading, type TrafficRouter } from '@safe-deploy/core';
import { canaryWeight } from './canary-weight';
import { parseRouterOptions, ROUTER_PATH } from './parse-router-options';
import { resolveRouterDeps, type ResolvedRouterDeps, type TrafficRouterDeps } from './traffic-router-deps';

/** Options of `canary.router` with `kind: command` (a user's script changes the split). */
export const commandRouterOptionsSchema = z.strictObject({
  kind: z.literal('command'),
  /** Changes the split; gets the weight as its last argument (plain commands) and as `SAFE_DEPLOY_WEIGHT`. */
  command: z.string().trim().min(1, 'must not be empty'),
  /** Prints the canary weight the router serves now, as a number on its last stdout line. */
  'read-command': z.string().trim().min(1, 'must not be empty').optional(),
  /** Each command's timeout (seconds, or `2m`). */
  timeout: durationSchema.default(120).refine((seconds) => seconds > 0, 'must be more than 0'),
});

/** The command router's options after defaults. */
export type CommandRouterOptions = z.output<typeof commandRouterOptionsSchema>;

const FIXES: Readonly<Record<string, string>> = {
  kind: 'Use `kind: command`.',
  command: 'Give the command that sets the canary weight; it gets the weight as its last argument, e.g. `command: ./deploy.sh update-traffic`.',
  'read-command': 'Give a command that prints the canary weight (0–100) on its last line, e.g. `read-command: ./deploy.sh current-traffic`, or leave it out.',
  timeout: 'Use a duration such as 120 (seconds) or 2m.',
};

const NO_READ_BACK = "the command router has no read-command, so the split cannot be read back; trusting the command's exit code";
const TAIL_LINES = 5;

/**
 * `kind: command`: the user's own script moves traffic (seed 004's `deploy.sh update-traffic <weight>`). A plain
 * command gets the weight appended as its last argument; one with shell syntax (pipes, `$VAR`, `&&`) runs through
 * bash and reads the weight from `SAFE_DEPLOY_WEIGHT`, which every command gets. A `read-command` lets the caller
 * verify the split; without one the router can only trust the exit code.
 */
export class CommandRouter implements TrafficRouter {
  readonly kind = 'command';
  private readonly deps: ResolvedRouterDeps;

  constructor(
    private readonly options: CommandRouterOptions & { setter: CommandLine; reader: CommandLine | undefined },
    deps: TrafficRouterDeps,
  ) {
    this.deps = resolveRouterDeps(deps);
  }

  /** Validates `canary.router` of kind command and builds the router. */
  static fromConfig(config: unknown, deps: TrafficRouterDeps): CommandRouter {
    const options = parseRouterOptions(commandRouterOptionsSchema, config, FIXES);
    const setter = parseCommandLine(options.command);
    if (!setter) throw new ConfigurationError(`${ROUTER_PATH}.command`, 'is empty.', FIXES.command as string);
    const reader = options['read-command'] === undefined ? undefined : parseCommandLine(options['read-command']);
    return new CommandRouter({ ...options, setter, reader }, deps);
  }

  describe(): string {
    const read = this.options.reader ? `, read back with \`${this.options.reader.text}\`` : ', not read back';
    return `command \`${this.options.setter.text}\` sets the canary weight${read}`;
  }

  async check(weights: readonly number[]): Promise<void> {
    weights.forEach(canaryWeight);
    for (const [option, command] of [['command', this.options.setter], ['read-command', this.options.reader]] as const) {
      if (!command) continue;
      const executable = command.kind === 'argv' ? command.argv[0] : 'bash';
      if (!(await this.deps.runner.locate(executable, this.deps.workingDirectory))) {
        throw new ConfigurationError(`${ROUTER_PATH}.${option}`, `'${executable}' was not found (on PATH or relative to ${this.deps.workingDirectory}).`, 'Install it in an earlier step, or use a path relative to the working directory (e.g. ./deploy.sh, made executable).');
      }
    }
  }

  async setWeight(weight: number): Promise<void> {
    const text = canaryWeight(weight);
    const setter = this.options.setter;
    const command: CommandLine = setter.kind === 'argv' ? { kind: 'argv', argv: [...setter.argv, text], text: `${setter.text} ${text}` } : setter;
    const result = await this.deps.runner.run(command, {
      cwd: this.deps.workingDirectory,
      timeoutSeconds: this.options.timeout,
      env: { ...this.deps.env, SAFE_DEPLOY_WEIGHT: text },
    });
    const tail = lastLines(result.outputTail);
    const output = tail ? `; output: ${truncate(tail, 500)}` : '; it printed nothing';
    if (result.exitCode === 127 && !result.timedOut) {
      throw new ConfigurationError(`${ROUTER_PATH}.command`, `\`${command.text}\` exited with code 127: it, or a program it runs, was not found${output}.`, 'Check the path (relative to the workspace), that the script is executable (`chmod +x`) and that what it runs is installed.');
    }
    if (result.timedOut) {
      throw new ExternalError('traffic command', `\`${command.text}\` did not finish within ${this.options.timeout} s and was killed${output}.`, { retryable: true });
    }
    if (result.exitCode !== 0) {
      throw new ExternalError('traffic command', `\`${command.text}\` exited with code ${result.exitCode}${output}.`, { status: result.exitCode, retryable: false });
    }
  }

  async readWeight(): Promise<TrafficReading> {
    const reader = this.options.reader;
    if (!reader) return { weight: undefined, detail: NO_READ_BACK };
    const argv: [string, ...string[]] = reader.kind === 'argv' ? reader.argv : ['bash', '-c', reader.script];
    const output = await this.deps.capture.run(argv, { cwd: this.deps.workingDirectory, timeoutSeconds: this.options.timeout, env: this.deps.env });
    const stderr = lastLines(output.stderr);
    const withStderr = (text: string) => `${text}${stderr ? `; stderr: ${truncate(stderr, 500)}` : ''}.`;
    if (output.startError) throw new ConfigurationError(`${ROUTER_PATH}.read-command`, `\`${reader.text}\` ${output.startError}.`, 'Check the path (relative to the workspace) and that the script is executable (`chmod +x`).');
    if (output.timedOut) throw new ExternalError('traffic read-command', withStderr(`\`${reader.text}\` did not finish within ${this.options.timeout} s and was killed`), { retryable: true });
    if (output.exitCode !== 0) throw new ExternalError('traffic read-command', withStderr(`\`${reader.text}\` exited with code ${output.exitCode}`), { status: output.exitCode, retryable: false });
    return readPrintedWeight(output.stdout, reader.text);
  }
}

/** The last non-empty lines of a command's output, on one line. */
function lastLines(output: string): string {
  return output.split('\n').map((line) => line.trim()).filter(Boolean).slice(-TAIL_LINES).join(' | ');
}

/** The weight on the last non-empty line of a read-command's stdout (`25`, `2.5`, `25%`). */
function readPrintedWeight(stdout: string, command: string): TrafficReading {
  const last = stdout.trim().split('\n').map((line) => line.trim()).filter(Boolean).at(-1);
  if (last === undefined) return { weight: undefined, detail: `\`${command}\` printed nothing; it should print the canary weight (0–100) on its last line` };
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(last);
  const weight = match ? Number(match[1]) : Number.NaN;
  if (!(weight >= 0 && weight <= 100)) return { weight: undefined, detail: `\`${command}\` printed ${JSON.stringify(truncate(last, 80))} on its last line, not a canary weight from 0 to 100` };
  return { weight, detail: `\`${command}\` reports ${weight} % to the canary` };
}
