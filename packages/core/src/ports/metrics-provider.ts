import type { Measurement, Track } from '../health/measurement';

/** What a provider is asked for: one track over a window, with the template variables of PromQL queries. */
export interface MetricsQuery {
  track: Track;
  windowSeconds: number;
  environment: string;
  /** The version (sha or tag) the track runs, when known. */
  version?: string;
}

/**
 * A source of measurements (http health endpoint, Prometheus, a /metrics exposition, a command). It never
 * throws for a failing service: what cannot be read comes back as `kind: 'error'` measurements.
 */
export interface MetricsProvider {
  readonly kind: string;
  readonly name: string;
  measure(query: MetricsQuery): Promise<Measurement[]>;
}
