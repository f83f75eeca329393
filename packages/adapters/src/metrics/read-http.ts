import { displayUrl } from './display-url';
import { withRetries, type Attempt, type Retried, type RetryPolicy } from './with-retries';

/** An HTTP answer as read: status, content type, the body as text, and how long it took. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  latencyMs: number;
}

/** How to read one URL. */
export interface HttpReadOptions<T> {
  fetch: typeof fetch;
  timeoutSeconds: number;
  headers?: Record<string, string>;
  retry: RetryPolicy;
  /**
   * What the caller makes of an answer: a value, or a failure (retryable for 5xx, 429, a proxy's HTML page…).
   * Without it every answer is accepted, whatever its status.
   */
  accept?: (answer: HttpAnswer) => Attempt<T>;
}

/**
 * GETs a URL with a timeout, retrying what a retry can fix: no answer (refused, reset, timed out) and answers the
 * caller rejects as retryable. Never throws: a URL that cannot be read comes back as `{ ok: false, error }`.
 */
export function readHttp<T = HttpAnswer>(url: string, options: HttpReadOptions<T>): Promise<Retried<T>> {
  const accept = options.accept ?? ((answer: HttpAnswer) => ({ ok: true, value: answer as T }));
  return withRetries(async () => {
    const started = performance.now();
    try {
      const response = await options.fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, Math.round(options.timeoutSeconds * 1000))),
        redirect: 'manual',
        headers: { 'user-agent': 'safe-deploy-metrics', accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...options.headers },
      });
      const body = await response.text();
      return accept({ status: response.status, contentType: response.headers.get('content-type') ?? '', body, latencyMs: performance.now() - started });
    } catch (error) {
      return { ok: false, error: describeFetchError(error, options.timeoutSeconds, url), retryable: true };
    }
  }, options.retry);
}

function describeFetchError(error: unknown, timeoutSeconds: number, url: string): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer from ${displayUrl(url)} within ${timeoutSeconds} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return `could not reach ${displayUrl(url)}: ${reason}`;
}
