import { describe, expect, it } from '@jest/globals';
import type { ProbeResult } from '@safe-deploy/core';
import { FakeClock } from '@safe-deploy/testing/builders';
import { verifyHealth } from './verify-health';

function probes(answers: (number | string)[], clock: FakeClock) {
  const queue = [...answers];
  return {
    calls: 0,
    async probe(): Promise<ProbeResult> {
      this.calls++;
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      const at = clock.now().toISOString();
      return typeof answer === 'number' ? { at, status: answer, latencyMs: 5 } : { at, error: String(answer), latencyMs: 5 };
    },
  };
}

const settings = { url: 'http://127.0.0.1:1/health', expectedStatus: 200, timeoutSeconds: 120, intervalSeconds: 5, requestTimeoutSeconds: 10, retries: 23 };

describe('verifyHealth', () => {
  it('is healthy once a probe answers the expected status', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const probe = probes(['ECONNREFUSED', 503, 200], clock);
    const outcome = await verifyHealth(settings, { probe, clock });
    expect(outcome).toMatchObject({ healthy: true, reason: expect.stringMatching(/HTTP 200 after 3 probes/) });
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });

  it('gives up when the time budget runs out', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const probe = probes([503], clock);
    const outcome = await verifyHealth({ ...settings, timeoutSeconds: 20 }, { probe, clock });
    expect(outcome.healthy).toBe(false);
    expect(outcome.reason).toMatch(/not healthy within 20 s: 5 probes, last HTTP 503/);
  });

  it('gives up after the allowed retries', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const probe = probes(['timeout'], clock);
    const outcome = await verifyHealth({ ...settings, retries: 2 }, { probe, clock });
    expect(outcome).toMatchObject({ healthy: false, reason: '3 probes failed (last: timeout; expected HTTP 200).' });
    expect(probe.calls).toBe(3);
  });
});
