import type { Measurement, MetricName, Track, ValueMeasurement } from './measurement';

/** Everything read at one check (one interval), from every provider and track. */
export interface HealthCheck {
  at: string;
  measurements: Measurement[];
}

/** The values of one metric on one track, oldest first, timed by their check (providers' own clocks may differ). */
export function seriesOf(history: HealthCheck[], metric: MetricName, track: Track): ValueMeasurement[] {
  return history.flatMap((check) =>
    check.measurements.filter((m): m is ValueMeasurement => m.kind === 'value' && m.metric === metric && m.track === track).map((m) => ({ ...m, at: check.at })),
  );
}

/** The newest measurement of a metric on a track in the latest check, of any kind. */
export function latestOf(history: HealthCheck[], metric: MetricName, track: Track): Measurement | undefined {
  const last = history.at(-1);
  return last?.measurements.find((m) => m.metric === metric && m.track === track);
}

/** Seconds between two ISO timestamps. */
export function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

/** The checks of the last `seconds` before `now` (inclusive). */
export function within(history: HealthCheck[], now: string, seconds: number): HealthCheck[] {
  return history.filter((check) => secondsBetween(check.at, now) <= seconds);
}

/** The providers that reported anything, in the order they first appear. */
export function providersIn(history: HealthCheck[]): string[] {
  return [...new Set(history.flatMap((check) => check.measurements.map((m) => m.provider)))];
}

/** The history as one provider saw it: the same checks, only that provider's measurements. */
export function onlyProvider(history: HealthCheck[], provider: string): HealthCheck[] {
  return history.map((check) => ({ at: check.at, measurements: check.measurements.filter((m) => m.provider === provider) }));
}

/**
 * The measurements whose windows do not overlap, newest first kept: when the query window is longer than the
 * check interval, consecutive counts cover the same requests, and summing them would count requests twice.
 * Measurements without a window are taken to cover the interval since the previous check.
 */
export function disjointWindows(series: ValueMeasurement[]): ValueMeasurement[] {
  const kept: ValueMeasurement[] = [];
  let boundary = Infinity;
  for (let i = series.length - 1; i >= 0; i--) {
    const m = series[i];
    if (!m) continue;
    const end = Date.parse(m.at);
    if (end > boundary) continue;
    kept.unshift(m);
    boundary = m.windowSeconds === undefined ? end - 1 : end - m.windowSeconds * 1000;
  }
  return kept;
}
