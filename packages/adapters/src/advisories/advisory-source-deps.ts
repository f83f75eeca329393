import type { Clock } from '@safe-deploy/core';
import { SystemClock } from '../system-clock';

/** What advisory sources need from the outside world, passed in so that tests need no global patching; anything left out is the real thing. */
export interface AdvisorySourceDeps {
  fetch?: typeof fetch;
  /** Waits between retries. */
  clock?: Clock;
}

/** Fills in the real fetch and clock where the caller passed none. */
export function resolveAdvisoryDeps(deps: AdvisorySourceDeps = {}): Required<AdvisorySourceDeps> {
  return { fetch: deps.fetch ?? ((input, init) => fetch(input, init)), clock: deps.clock ?? new SystemClock() };
}
