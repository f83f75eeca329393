import { z } from 'zod';
import type { Track } from '@safe-deploy/core';

const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'expected a Prometheus metric name');
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a Prometheus label name');

/** The app's series the built-in queries read, by role; defaults are what prom-client and most clients export. */
export const seriesNamesSchema = z
  .strictObject({
    /** Counter of HTTP requests with a status code label. */
    requests: metricName.default('http_requests_total'),
    /** Histogram of request durations (its `_bucket` series), in seconds unless `duration-unit` says ms. */
    duration: metricName.default('http_request_duration_seconds'),
    'duration-unit': z.enum(['s', 'ms']).default('s'),
    memory: metricName.default('process_resident_memory_bytes'),
    /** A gauge of the memory limit in bytes; memory-percent is reported only when it exists. */
    'memory-limit': metricName.default('process_memory_limit_bytes'),
    cpu: metricName.default('process_cpu_seconds_total'),
    'db-errors': metricName.default('db_connection_errors_total'),
    /** Its change tells a restarted process apart from a counter that went backwards. */
    'start-time': metricName.default('process_start_time_seconds'),
  })
  .default({
    requests: 'http_requests_total',
    duration: 'http_request_duration_seconds',
    'duration-unit': 's',
    memory: 'process_resident_memory_bytes',
    'memory-limit': 'process_memory_limit_bytes',
    cpu: 'process_cpu_seconds_total',
    'db-errors': 'db_connection_errors_total',
    'start-time': 'process_start_time_seconds',
  });

/** The app's series names after defaults. */
export type SeriesNames = z.output<typeof seriesNamesSchema>;

/** Label names the providers select and group by. */
export const labelNamesSchema = z
  .strictObject({
    track: labelName.default('track'),
    code: labelName.default('code'),
    /** When set, series are also selected by `<environment>="<the environment>"`. */
    environment: labelName.optional(),
    /** When set and the version is known, series are also selected by `<version>="<the version>"`. */
    version: labelName.optional(),
  })
  .default({ track: 'track', code: 'code' });

/** The label names after defaults. */
export type LabelNames = z.output<typeof labelNamesSchema>;

/** The track label's value per track; `null` selects every series (the default for `current`: the only version). */
export const trackValuesSchema = z
  .strictObject({
    canary: z.string().min(1).nullable().default('canary'),
    stable: z.string().min(1).nullable().default('stable'),
    current: z.string().min(1).nullable().default(null),
  })
  .default({ canary: 'canary', stable: 'stable', current: null });

/** The track label values after defaults. */
export type TrackValues = z.output<typeof trackValuesSchema>;

/** Status codes that count as errors, as a regular expression over the code label (`5..` by default). */
export const errorCodesSchema = z
  .string()
  .min(1)
  .refine((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, 'expected a regular expression such as 5.. or 5..|429')
  .default('5..');

/** The track label value to select for a track, or undefined to select all series. */
export function trackLabelValue(track: Track, values: TrackValues): string | undefined {
  return values[track] ?? undefined;
}

/** Fix hints for the series options both Prometheus providers share, by option name. */
export const SERIES_OPTION_FIXES: Readonly<Record<string, string>> = {
  labels: 'Name the labels, e.g. `labels: { track: deployment_track, code: status, environment: env }`.',
  'track-values': 'Give the track label value per track, e.g. `track-values: { canary: canary, stable: primary, current: null }`.',
  names: 'Name your series, e.g. `names: { requests: http_server_requests_total }`.',
  'error-codes': 'Use a regular expression over status codes, e.g. `5..` or `5..|429`.',
};
