import type { Clock, HealthProbe } from '@safe-deploy/core';

/** Seed 001's smoke checks: every URL must answer 2xx before `timeoutSeconds` runs out (probed every `intervalSeconds`). */
export async function runSmokeChecks(
  urls: readonly string[],
  settings: { timeoutSeconds: number; intervalSeconds: number },
  deps: { probe: HealthProbe; clock: Clock },
): Promise<{ ok: boolean; results: string[] }> {
  const deadline = deps.clock.now().getTime() + settings.timeoutSeconds * 1000;
  const results: string[] = [];
  for (const url of urls) {
    let last = '';
    for (;;) {
      const remaining = Math.max(0.1, (deadline - deps.clock.now().getTime()) / 1000);
      const probe = await deps.probe.probe(url, Math.min(10, remaining));
      if (probe.status !== undefined && probe.status >= 200 && probe.status < 300) {
        results.push(`${url} answered HTTP ${probe.status} (${probe.latencyMs} ms)`);
        break;
      }
      last = probe.error ? `no answer (${probe.error})` : `HTTP ${probe.status}`;
      if (deps.clock.now().getTime() + settings.intervalSeconds * 1000 > deadline) {
        results.push(`${url}: ${last} — no 2xx within ${settings.timeoutSeconds} s`);
        return { ok: false, results };
      }
      await deps.clock.sleep(settings.intervalSeconds);
    }
  }
  return { ok: true, results };
}
