import type { MetricName, MetricUnit, METRICS } from './measurement';

/** A metric the engine understands (not `custom:*`). */
export type CanonicalMetric = (typeof METRICS)[number];

/** The one unit each canonical metric is normalised to (rates in percent, latency in ms), so no consumer converts. */
export const METRIC_UNITS: Readonly<Record<CanonicalMetric, MetricUnit>> = {
  'error-rate': 'percent',
  availability: 'percent',
  'latency-p50': 'ms',
  'latency-p95': 'ms',
  'latency-p99': 'ms',
  'request-rate': 'per-second',
  'memory-percent': 'percent',
  'memory-bytes': 'bytes',
  'cpu-percent': 'percent',
  'db-connection-errors': 'count',
  'health-check': 'boolean',
};

/** The unit of a canonical metric; undefined for `custom:*` metrics, whose unit their source declares. */
export function unitOf(metric: MetricName): MetricUnit | undefined {
  return Object.hasOwn(METRIC_UNITS, metric) ? METRIC_UNITS[metric as CanonicalMetric] : undefined;
}
