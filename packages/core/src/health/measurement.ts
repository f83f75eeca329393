/** Which side of a deployment a measurement describes: the canary, the stable version, or the one live version. */
export type Track = 'canary' | 'stable' | 'current';

/** Metric names the engine and the triggers understand; providers may add `custom:<name>`. */
export const METRICS = [
  'error-rate',
  'availability',
  'latency-p50',
  'latency-p95',
  'latency-p99',
  'request-rate',
  'memory-percent',
  'memory-bytes',
  'cpu-percent',
  'db-connection-errors',
  'health-check',
] as const;
/** A metric name. */
export type MetricName = (typeof METRICS)[number] | `custom:${string}`;

/** Units measurements are normalised to: rates in percent, latency in ms. */
export type MetricUnit = 'percent' | 'ms' | 'per-second' | 'count' | 'bytes' | 'boolean';

interface MeasurementBase {
  /** The provider's name in the policy (or its kind). */
  provider: string;
  metric: MetricName;
  track: Track;
  /** When it was taken (ISO 8601). */
  at: string;
  /** What was asked: the PromQL query, the URL, the command. */
  source: string;
}

/** A number read from a provider. */
export interface ValueMeasurement extends MeasurementBase {
  kind: 'value';
  value: number;
  unit: MetricUnit;
  /** The window the value covers (rates, quantiles), in seconds. */
  windowSeconds?: number;
  /** Requests and errors behind an error rate over the window: statistics need counts, not only the ratio. */
  counts?: { requests: number; errors: number };
  /** The latency histogram behind a quantile: cumulative counts per upper bound in ms (`+Inf` last as Infinity). */
  histogram?: { le: number; count: number }[];
}

/** A provider that could not be read (after its retries): never a regression, never healthy. */
export interface ErrorMeasurement extends MeasurementBase {
  kind: 'error';
  error: string;
  attempts: number;
}

/** A provider that answered, but with nothing to measure (no series, no traffic). */
export interface NoDataMeasurement extends MeasurementBase {
  kind: 'no-data';
  reason: string;
}

/** One reading of one metric. */
export type Measurement = ValueMeasurement | ErrorMeasurement | NoDataMeasurement;
