import type { Clock } from '@safe-deploy/core';
import type { z } from 'zod';
import { displayUrl } from '../metrics/display-url';

/** How patiently to talk to an advisory service. */
export interface HttpPolicy {
  fetch: typeof fetch;
  clock: Clock;
  timeoutSeconds: number;
  /** Tries after the first one, for answers a retry can fix: none at all, 429 and 5xx. */
  retries: number;
  /** The first wait; doubles for each further one unless the service says `Retry-After`. */
  delaySeconds: number;
  /** Upper bound of one wait, `Retry-After` included. */
  maxDelaySeconds: number;
}

/** One request: JSON in (for POST), JSON out. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

/** A parsed answer, or a sentence for the user that names the service, the status and whether a retry helps. */
export type JsonOutcome<T> = { ok: true; value: T; attempts: number } | { ok: false; problem: string; status?: number; retryable: boolean; attempts: number };

type Attempt<T> = { ok: true; value: T } | { ok: false; detail: string; status?: number; retryable: boolean; waitSeconds?: number };

/**
 * Sends one JSON request with a timeout and parses the answer with `schema`, retrying what a retry can fix (no answer,
 * 429, 5xx) with exponential backoff, honouring `Retry-After`. Never throws: a failure comes back as a problem.
 */
export async function requestJson<T>(service: string, request: JsonRequest, schema: z.ZodType<T>, policy: HttpPolicy): Promise<JsonOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await tryOnce(request, schema, policy);
    if (outcome.ok) return { ok: true, value: outcome.value, attempts: attempt };
    if (!outcome.retryable || attempt > policy.retries) {
      const tries = attempt === 1 ? '' : ` (${attempt} attempts)`;
      const advice = outcome.retryable ? 'Retrying later is likely to help.' : 'Retrying will not help until this is fixed.';
      return {
        ok: false,
        problem: `${service}: ${request.method} ${displayUrl(request.url)}: ${outcome.detail}${tries}. ${advice}`,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        retryable: outcome.retryable,
        attempts: attempt,
      };
    }
    const backoff = policy.delaySeconds * 2 ** (attempt - 1);
    await policy.clock.sleep(Math.min(outcome.waitSeconds ?? backoff, policy.maxDelaySeconds));
  }
}

async function tryOnce<T>(request: JsonRequest, schema: z.ZodType<T>, policy: HttpPolicy): Promise<Attempt<T>> {
  let response: Response;
  let text: string;
  try {
    response = await policy.fetch(request.url, {
      method: request.method,
      signal: AbortSignal.timeout(Math.max(1, Math.round(policy.timeoutSeconds * 1000))),
      headers: {
        accept: 'application/json',
        'user-agent': 'safe-deploy-security-scan',
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    text = await response.text();
  } catch (error) {
    return { ok: false, detail: describeFetchError(error, policy.timeoutSeconds), retryable: true };
  }
  if (response.status === 429 || response.status >= 500) {
    const waitSeconds = retryAfterSeconds(response.headers.get('retry-after'), policy.clock.now());
    return { ok: false, detail: `HTTP ${response.status}${excerpt(text)}`, status: response.status, retryable: true, ...(waitSeconds !== undefined ? { waitSeconds } : {}) };
  }
  if (response.status < 200 || response.status > 299) return { ok: false, detail: `HTTP ${response.status}${excerpt(text)}`, status: response.status, retryable: false };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, detail: `HTTP ${response.status} with a body that is not JSON${excerpt(text)}`, status: response.status, retryable: false };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    return { ok: false, detail: `the answer does not have the documented shape at ${where}: ${issue?.message ?? 'invalid'}`, status: response.status, retryable: false };
  }
  return { ok: true, value: parsed.data };
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now.getTime()) / 1000);
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine ? ` (${oneLine.length > 120 ? `${oneLine.slice(0, 120)}…` : oneLine})` : '';
}

function describeFetchError(error: unknown, timeoutSeconds: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutSeconds} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `no answer (${cause?.code ?? cause?.message ?? (error as Error).message})`;
}
