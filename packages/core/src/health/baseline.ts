import { z } from 'zod';
import type { HealthCheck } from './health-history';
import { disjointWindows, seriesOf } from './health-history';
import type { MetricName, Track } from './measurement';

const BASELINE_METRICS = ['error-rate', 'latency-p50', 'latency-p95', 'latency-p99', 'memory-percent', 'cpu-percent', 'request-rate', 'availability'] as const;

/** Seed 003's baseline: the stable version's normal, captured before a change and stored in the deployment payload. */
export const baselineSchema = z.strictObject({
  'captured-at': z.string(),
  /** Which deployment's version the baseline describes. */
  'deployment-id': z.number().int().positive().optional(),
  'window-seconds': z.number().nonnegative(),
  /** Median of each metric over the capture window. */
  metrics: z.partialRecord(z.enum(BASELINE_METRICS), z.number().refine(Number.isFinite, 'must be a finite number')),
  /** Requests and errors summed over the window, for statistical comparison of error rates. */
  counts: z.strictObject({ requests: z.number().nonnegative(), errors: z.number().nonnegative() }).optional(),
});

/** A captured baseline. */
export type Baseline = z.output<typeof baselineSchema>;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Builds a baseline from checks of one track (the stable version before the change): the median of every
 * metric's values (robust to one bad scrape) and the summed request/error counts. Metrics with no value are left
 * out rather than guessed.
 */
export function captureBaseline(history: HealthCheck[], track: Track, deploymentId?: number): Baseline | undefined {
  if (history.length === 0) return undefined;
  const metrics: Partial<Record<(typeof BASELINE_METRICS)[number], number>> = {};
  for (const metric of BASELINE_METRICS) {
    const value = median(seriesOf(history, metric as MetricName, track).map((m) => m.value));
    if (value !== undefined) metrics[metric] = value;
  }
  const counted = disjointWindows(seriesOf(history, 'error-rate', track).filter((m) => m.counts));
  const counts = counted.length
    ? { requests: counted.reduce((sum, m) => sum + (m.counts?.requests ?? 0), 0), errors: counted.reduce((sum, m) => sum + (m.counts?.errors ?? 0), 0) }
    : undefined;
  if (Object.keys(metrics).length === 0 && !counts) return undefined;
  const first = history[0]?.at ?? '';
  const last = history.at(-1)?.at ?? first;
  return {
    'captured-at': last,
    ...(deploymentId ? { 'deployment-id': deploymentId } : {}),
    'window-seconds': Math.max(0, (Date.parse(last) - Date.parse(first)) / 1000),
    metrics,
    ...(counts ? { counts } : {}),
  };
}
