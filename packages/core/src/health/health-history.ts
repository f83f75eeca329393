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
