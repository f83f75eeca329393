import type { HealthProbe, ProbeResult } from '@safe-deploy/core';

/** Probes health endpoints with Node's fetch; a timeout or refused connection is an answer-less probe, never healthy. */
export class FetchHealthProbe implements HealthProbe {
  async probe(url: string, timeoutSeconds: number): Promise<ProbeResult> {
    const at = new Date().toISOString();
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.round(timeoutSeconds * 1000)), redirect: 'manual', headers: { 'user-agent': 'safe-deploy-health-probe' } });
      const body = (await response.text()).slice(0, 300);
      return { at, status: response.status, latencyMs: Math.round(performance.now() - started), body };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const name = (error as { name?: string }).name;
      const message = name === 'TimeoutError' ? `timed out after ${timeoutSeconds} s` : cause?.code ?? cause?.message ?? (error as Error).message;
      return { at, latencyMs: Math.round(performance.now() - started), error: message };
    }
  }
}
