import { ExternalError, type Clock, type Log, type TrafficRouter } from '@safe-deploy/core';

/**
 * Sets the canary's weight and waits until the router serves it (read back, not assumed), up to `timeoutSeconds`.
 * Routers that cannot read their split back are trusted on the exit of `setWeight`, with a log line saying so.
 * Throws ExternalError when the router refuses or never serves the weight.
 */
export async function applyWeight(router: TrafficRouter, weight: number, options: { timeoutSeconds: number; clock: Clock; log: Log }): Promise<string> {
  await router.setWeight(weight);
  const deadline = options.clock.now().getTime() + options.timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const reading = await router.readWeight();
    last = reading.detail;
    if (reading.weight === undefined) {
      options.log.info(`Router set to ${weight} % (not verified: ${reading.detail})`);
      return `set to ${weight} %, not verified: ${reading.detail}`;
    }
    if (Math.abs(reading.weight - weight) < 1e-9) return `serving ${weight} % (${reading.detail})`;
    if (options.clock.now().getTime() >= deadline) break;
    await options.clock.sleep(0.25);
  }
  throw new ExternalError(`traffic router (${router.kind})`, `it was set to ${weight} % but still serves something else after ${options.timeoutSeconds} s: ${last}. If the router is just slow, raise canary.weight-timeout.`, { retryable: true });
}

/** Puts all traffic on stable, trying up to three times: this is the one step a failure must not skip. */
export async function restoreStable(router: TrafficRouter, options: { timeoutSeconds: number; clock: Clock; log: Log }): Promise<{ ok: boolean; detail: string }> {
  let detail = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return { ok: true, detail: await applyWeight(router, 0, options) };
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
      options.log.warning(`Putting all traffic back on stable failed (attempt ${attempt} of 3): ${detail}`);
      if (attempt < 3) await options.clock.sleep(1);
    }
  }
  return { ok: false, detail };
}
