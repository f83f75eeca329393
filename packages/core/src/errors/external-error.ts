/** A failure of a service the suite talks to (GitHub, Prometheus, a command), after any retries. */
export class ExternalError extends Error {
  override readonly name = 'ExternalError';
  /** The service that failed, e.g. `GitHub`. */
  readonly service: string;
  /** HTTP status or exit code when there was one. */
  readonly status: number | undefined;
  /** Whether running the step again is likely to help. */
  readonly retryable: boolean;

  constructor(service: string, message: string, options: { status?: number; retryable: boolean; cause?: unknown }) {
    super(`${service}: ${message}`, { cause: options.cause });
    this.service = service;
    this.status = options.status;
    this.retryable = options.retryable;
  }
}
