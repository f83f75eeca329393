import type { CommandLine } from '../commands/parse-command-line';

/** What a finished command left behind. */
export interface CommandResult {
  exitCode: number;
  timedOut: boolean;
  durationMs: number;
  /** The last lines of stdout and stderr together, for summaries. */
  outputTail: string;
}

/** Runs user commands (rollback, restart, deploy scripts). */
export interface CommandRunner {
  /** The absolute path of an executable found on PATH (or as given), undefined when missing. */
  locate(executable: string, cwd: string): Promise<string | undefined>;
  run(command: CommandLine, options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CommandResult>;
}
