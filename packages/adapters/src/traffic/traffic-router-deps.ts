import type { CommandRunner } from '@safe-deploy/core';
import type { CapturingCommandRunner } from '../metrics/capturing-command-runner';
import { ExecFileCommandRunner } from '../metrics/exec-file-command-runner';

/**
 * What routers need from the outside world, passed in so that tests need no global patching. `runner` runs the
 * commands that change the split (their output goes to the step log); `capture` runs the ones whose stdout is read
 * back (a `read-command`). Anything optional left out is the real thing.
 */
export interface TrafficRouterDeps {
  runner: CommandRunner;
  /** Where commands run and relative paths resolve (the workspace). */
  workingDirectory: string;
  /** Extra environment for every command the router runs. */
  env?: Record<string, string>;
  /** Waits between polls (seconds). */
  sleep?: (seconds: number) => Promise<void>;
  fetch?: typeof fetch;
  capture?: CapturingCommandRunner;
}

/** The dependencies with the real implementations filled in. */
export type ResolvedRouterDeps = Required<TrafficRouterDeps>;

/** Fills in the real sleep, fetch and capturing runner where the caller passed none. */
export function resolveRouterDeps(deps: TrafficRouterDeps): ResolvedRouterDeps {
  return {
    runner: deps.runner,
    workingDirectory: deps.workingDirectory,
    env: deps.env ?? {},
    sleep: deps.sleep ?? ((seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))),
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    capture: deps.capture ?? new ExecFileCommandRunner(),
  };
}
