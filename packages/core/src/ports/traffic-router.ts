/** The split a router serves now, read back from the router itself. */
export interface TrafficReading {
  /** Percent of requests going to the canary; undefined when the router cannot tell. */
  weight: number | undefined;
  /** How it was read, for logs and summaries (e.g. "nginx serves generation 4: 25 % canary"). */
  detail: string;
}

/**
 * Sends a share of requests to the canary and the rest to stable (nginx, a user's script, a service mesh).
 * `setWeight` resolves once the router accepted the change; `readWeight` reports what it serves, so the caller can
 * verify the change took effect. Failures throw `ExternalError` (retry may help) or `ConfigurationError`.
 */
export interface TrafficRouter {
  readonly kind: string;
  /** One line naming what it routes, e.g. "nginx 127.0.0.1:8080 → stable 127.0.0.1:8081 / canary 127.0.0.1:8082". */
  describe(): string;
  /**
   * Checks, without changing the split, that the router can apply every one of `weights` (its binary or script
   * exists, its file is its own, each weight can be expressed). Throws ConfigurationError: a mistake in the router
   * must stop a rollout before it starts, not roll back a healthy release half-way.
   */
  check(weights: readonly number[]): Promise<void>;
  setWeight(weight: number): Promise<void>;
  readWeight(): Promise<TrafficReading>;
}
