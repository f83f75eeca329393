/** What a load run did. */
export interface LoadCounts {
  sent: number;
  /** Answers by HTTP status. */
  byStatus: Record<number, number>;
  /** Requests that got no answer (refused, reset, timed out). */
  failed: number;
  /** Requests not sent because too many were still waiting for an answer. */
  skipped: number;
}

/** A load run in progress: it stops by itself after its duration, or earlier with `stop()`. */
export interface LoadRun {
  /** Resolves when the run is over and every request has settled. */
  done: Promise<LoadCounts>;
  counts(): LoadCounts;
  stop(): Promise<LoadCounts>;
}

/** How much load, where. */
export interface LoadOptions {
  url: string;
  ratePerSecond: number;
  durationSeconds: number;
  timeoutMs?: number;
  maxInFlight?: number;
}

const MAX_RATE = 200;
const MAX_DURATION_SECONDS = 120;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Sends `ratePerSecond` GETs per second for `durationSeconds`, evenly spread, to a loopback URL — bounded (at most
 * 200/s for 120 s, 100 in flight) and self-stopping, so a failed test cannot leave load running.
 */
export function generateLoad(options: LoadOptions): LoadRun {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname)) throw new Error(`generate-load sends load to loopback only, not ${target.hostname}`);
  if (!(options.ratePerSecond > 0 && options.ratePerSecond <= MAX_RATE)) throw new Error(`ratePerSecond must be in (0, ${MAX_RATE}]`);
  if (!(options.durationSeconds > 0 && options.durationSeconds <= MAX_DURATION_SECONDS)) throw new Error(`durationSeconds must be in (0, ${MAX_DURATION_SECONDS}]`);
  const maxInFlight = options.maxInFlight ?? 100;
  const counts: LoadCounts = { sent: 0, byStatus: {}, failed: 0, skipped: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let scheduled = 0;
  let finish: () => void = () => {};
  const over = new Promise<void>((resolve) => (finish = resolve));

  const send = () => {
    counts.sent++;
    const request = fetch(options.url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) })
      .then(async (response) => {
        await response.arrayBuffer();
        counts.byStatus[response.status] = (counts.byStatus[response.status] ?? 0) + 1;
      })
      .catch(() => {
        counts.failed++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const tick = () => {
    const elapsed = (performance.now() - started) / 1000;
    const due = Math.floor(Math.min(elapsed, options.durationSeconds) * options.ratePerSecond);
    for (; scheduled < due; scheduled++) {
      if (inFlight.size >= maxInFlight) counts.skipped++;
      else send();
    }
    if (elapsed >= options.durationSeconds) stopTicking();
  };
  const timer = setInterval(tick, 20);
  const stopTicking = () => {
    clearInterval(timer);
    finish();
  };
  const snapshot = (): LoadCounts => ({ ...counts, byStatus: { ...counts.byStatus } });
  const done = over.then(async () => {
    await Promise.all([...inFlight]);
    return snapshot();
  });
  return {
    done,
    counts: snapshot,
    stop: () => {
      stopTicking();
      return done;
    },
  };
}
