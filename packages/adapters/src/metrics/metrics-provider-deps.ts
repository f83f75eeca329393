import type { Clock } from '@safe-deploy/core';
import { SystemClock } from '../system-clock';
import type { CapturingCommandRunner } from './capturing-command-runner';
import { ExecFileCommandRunner } from './exec-file-command-runner';

/**
 * What providers need from the outside world, passed in so that tests need no global patching: the HTTP transport,
 * the clock (stamps measurements, times scrapes, waits between retries) and the command runner. Anything left out
 * is the real thing.
 */
export interface MetricsProviderDeps {
  fetch?: typeof fetch;
  clock?: Clock;
  commandRunner?: CapturingCommandRunner;
  /** Where commands run (the workspace); the process's working directory by default. */
  cwd?: string;
}

/** The dependencies with the real implementations filled in. */
export type ResolvedDeps = Required<MetricsProviderDeps>;

/** Fills in the real fetch, clock and command runner where the caller passed none. */
export function resolveDeps(deps: MetricsProviderDeps = {}): ResolvedDeps {
  return {
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    clock: deps.clock ?? new SystemClock(),
    commandRunner: deps.commandRunner ?? new ExecFileCommandRunner(),
    cwd: deps.cwd ?? process.cwd(),
  };
}
