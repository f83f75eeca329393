import type { Clock, HealthProbe, Policy, ProbeResult, VerificationOutcome } from '@safe-deploy/core';

/** How post-restore verification probes (seeds 002/003: wait up to 120 s for health). */
export interface VerifySettings {
  url: string;
  expectedStatus: number;
  timeoutSeconds: number;
  intervalSeconds: number;
  requestTimeoutSeconds: number;
  retries: number;
}

/** Verification of `url` with the policy's `rollback.verify` settings; `overrides` are inputs that were set. */
export function verifySettingsFrom(url: string, verify: Policy['rollback']['verify'], overrides: { expectedStatus?: number; timeoutSeconds?: number; retries?: number } = {}): VerifySettings {
  return {
    url,
    expectedStatus: overrides.expectedStatus ?? verify['expected-status'],
    timeoutSeconds: overrides.timeoutSeconds ?? verify.timeout,
    intervalSeconds: verify.interval,
    requestTimeoutSeconds: verify['request-timeout'],
    retries: overrides.retries ?? verify.retries,
  };
}

/**
 * Probes until the URL answers the expected status, the time budget runs out, or more than `retries` probes
 * failed. A probe that gets no answer counts as a failure, never as healthy.
 */
export async function verifyHealth(settings: VerifySettings, deps: { probe: HealthProbe; clock: Clock }): Promise<VerificationOutcome> {
  const started = deps.clock.now().getTime();
  const deadline = started + settings.timeoutSeconds * 1000;
  const probes: ProbeResult[] = [];
  for (;;) {
    const remaining = (deadline - deps.clock.now().getTime()) / 1000;
    const probe = await deps.probe.probe(settings.url, Math.max(0.1, Math.min(settings.requestTimeoutSeconds, remaining)));
    probes.push(probe);
    if (probe.status === settings.expectedStatus) {
      return { url: settings.url, healthy: true, probes, reason: `answered HTTP ${probe.status} after ${probes.length} probe${probes.length > 1 ? 's' : ''} (${probe.latencyMs} ms).` };
    }
    const failures = probes.length;
    const elapsed = (deps.clock.now().getTime() - started) / 1000;
    const last = probe.status !== undefined ? `HTTP ${probe.status}` : probe.error ?? 'no answer';
    if (failures > settings.retries) {
      return { url: settings.url, healthy: false, probes, reason: `${failures} probes failed (last: ${last}; expected HTTP ${settings.expectedStatus}).` };
    }
    if (elapsed + settings.intervalSeconds > settings.timeoutSeconds) {
      return { url: settings.url, healthy: false, probes, reason: `not healthy within ${settings.timeoutSeconds} s: ${failures} probes, last ${last} (expected HTTP ${settings.expectedStatus}).` };
    }
    await deps.clock.sleep(settings.intervalSeconds);
  }
}
