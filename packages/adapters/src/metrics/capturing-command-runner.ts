/** What a finished command printed and how it ended. */
export interface CapturedOutput {
  exitCode: number;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all (not found, not executable). */
  startError?: string;
}

/** Runs an argument vector (never through a shell) and captures its output, for commands that print measurements. */
export interface CapturingCommandRunner {
  run(argv: readonly [string, ...string[]], options: { env: Record<string, string>; cwd: string; timeoutSeconds: number }): Promise<CapturedOutput>;
}
