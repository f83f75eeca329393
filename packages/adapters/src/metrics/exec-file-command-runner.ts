import { spawn } from 'node:child_process';
import type { CapturedOutput, CapturingCommandRunner } from './capturing-command-runner';

const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs commands as child processes without a shell (values cannot inject), in their own process group so that a
 * command outliving its timeout is killed with everything it started. Output beyond 1 MiB is dropped.
 */
export class ExecFileCommandRunner implements CapturingCommandRunner {
  run(argv: readonly [string, ...string[]], options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CapturedOutput> {
    const [file, ...args] = argv;
    return new Promise((resolve) => {
      const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_'))), ...options.env };
      const child = spawn(file, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      const keep = (into: Buffer[]) => (chunk: Buffer) => {
        if (size >= MAX_OUTPUT_BYTES) return;
        size += chunk.length;
        into.push(chunk);
      };
      child.stdout.on('data', keep(out));
      child.stderr.on('data', keep(err));
      const kill = (signal: NodeJS.Signals) => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill('SIGTERM');
        setTimeout(() => kill('SIGKILL'), 2000).unref();
      }, options.timeoutSeconds * 1000);
      let settled = false;
      const finish = (exitCode: number, startError?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ exitCode, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ...(startError ? { startError } : {}) });
      };
      child.on('error', (error) => finish(127, `could not start ${file}: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
      child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
    });
  }
}
