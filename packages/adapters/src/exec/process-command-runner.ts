import { spawn } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { redactSecrets, type CommandLine, type CommandResult, type CommandRunner } from '@safe-deploy/core';

const TAIL_LINES = 40;

/**
 * Runs commands as child processes: an argument vector directly (no shell, so values cannot inject), or a
 * script through bash when it needs shell syntax. Output streams to the step log as it comes; a command that
 * outlives its timeout is killed with its whole process group.
 */
export class ProcessCommandRunner implements CommandRunner {
  constructor(
    private readonly options: { secrets: readonly string[]; echo?: (chunk: string) => void } = { secrets: [] },
  ) {}

  async locate(executable: string, cwd: string): Promise<string | undefined> {
    if (executable.includes('/')) {
      const candidate = path.resolve(cwd, executable);
      return (await isExecutable(candidate)) ? candidate : undefined;
    }
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, executable);
      if (await isExecutable(candidate)) return candidate;
    }
    return undefined;
  }

  run(command: CommandLine, options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CommandResult> {
    const [file, args] = command.kind === 'argv' ? [command.argv[0], command.argv.slice(1)] : ['bash', ['-c', command.script]];
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(file, args, { cwd: options.cwd, env: { ...commandEnvironment(process.env), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const tail: string[] = [];
      let timedOut = false;
      const collect = (chunk: Buffer) => {
        const text = redactSecrets(chunk.toString('utf8'), this.options.secrets);
        (this.options.echo ?? ((t: string) => process.stdout.write(t)))(text);
        tail.push(...text.split('\n'));
        if (tail.length > TAIL_LINES * 2) tail.splice(0, tail.length - TAIL_LINES);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, 'SIGTERM');
        setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000).unref();
      }, options.timeoutSeconds * 1000);
      const finish = (exitCode: number, extra?: string) => {
        clearTimeout(timer);
        if (extra) tail.push(extra);
        resolve({ exitCode, timedOut, durationMs: Date.now() - started, outputTail: tail.join('\n').trim().split('\n').slice(-TAIL_LINES).join('\n') });
      };
      child.on('error', (error) => finish(127, `could not start ${file}: ${error.message}`));
      child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
    });
  }
}

/** The job's environment minus the action's own inputs: INPUT_TOKEN and friends are not the command's business. */
function commandEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('INPUT_')));
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
