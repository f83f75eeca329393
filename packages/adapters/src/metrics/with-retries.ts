/** One try: a value, or a failure that says whether trying again can help. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string; retryable: boolean };

/** The outcome after retries, with how many tries it took. */
export type Retried<T> = ({ ok: true; value: T } | { ok: false; error: string }) & { attempts: number };

/** How often and how patiently to retry; `sleep` is passed in so tests do not wait. */
export interface RetryPolicy {
  /** Tries after the first one. */
  retries: number;
  /** Wait before the first retry; doubles for each further one (exponential backoff). */
  delaySeconds: number;
  /** Upper bound of one wait. */
  maxDelaySeconds?: number;
  sleep(seconds: number): Promise<void>;
}

/** Runs `attempt` until it succeeds, fails for good, or the retries are spent, backing off exponentially in between. */
export async function withRetries<T>(attempt: (number: number) => Promise<Attempt<T>>, policy: RetryPolicy): Promise<Retried<T>> {
  for (let number = 1; ; number++) {
    const outcome = await attempt(number);
    if (outcome.ok) return { ok: true, value: outcome.value, attempts: number };
    if (!outcome.retryable || number > policy.retries) return { ok: false, error: outcome.error, attempts: number };
    await policy.sleep(Math.min(policy.delaySeconds * 2 ** (number - 1), policy.maxDelaySeconds ?? 30));
  }
}
