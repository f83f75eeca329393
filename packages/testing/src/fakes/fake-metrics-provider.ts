import type { Measurement, MetricName, MetricsProvider, MetricsQuery, MetricUnit, Track, ValueMeasurement } from '@safe-deploy/core';
// The canonical units live with the providers; the fake must agree with them to pass the same contract.
import { unitOf } from '@safe-deploy/core';

/**
 * One scripted reading: a number in the metric's canonical unit, a value with its extras (counts, histogram),
 * an unreadable source (`error`), or an answer with nothing in it (`noData`).
 */
export type ScriptedReading =
  | number
  | { value: number; unit?: MetricUnit; counts?: ValueMeasurement['counts']; histogram?: ValueMeasurement['histogram']; windowSeconds?: number }
  | { error: string; attempts?: number }
  | { noData: string };

/** What one call answers: readings by metric, or a function of the query for anything else. */
export type ScriptedCall = Partial<Record<MetricName, ScriptedReading>> | ((query: MetricsQuery, call: number) => Measurement[]);

/** How to script the fake. */
export interface FakeMetricsProviderOptions {
  name?: string;
  kind?: string;
  /** One entry per call, for every track — or per track (`{ canary: [...], stable: [...] }`), counted per track. */
  calls: ScriptedCall[] | Partial<Record<Track, ScriptedCall[]>>;
  /** When the script runs out: repeat its last call (default), or answer as a source that cannot be read. */
  afterScript?: 'repeat-last' | 'unreadable';
  /** Stamps measurements (the real clock by default). */
  now?: () => Date;
}

/**
 * A MetricsProvider that answers from a script, for engine and action tests: each `measure` returns the next
 * scripted call's measurements, stamped like a real provider's (name, track, time, `fake:` source, canonical
 * units). It records the queries it was asked. It passes the same contract test as the real providers.
 */
export class FakeMetricsProvider implements MetricsProvider {
  readonly kind: string;
  readonly name: string;
  /** Every query, in order. */
  readonly queries: MetricsQuery[] = [];
  private readonly callsByTrack = new Map<Track, number>();

  constructor(private readonly options: FakeMetricsProviderOptions) {
    this.kind = options.kind ?? 'fake';
    this.name = options.name ?? 'fake';
  }

  /** A provider whose source is down: every call answers an `error` for each metric, as a real one does after its retries. */
  static unreachable(metrics: readonly MetricName[], error = 'connection refused', name = 'fake'): FakeMetricsProvider {
    return new FakeMetricsProvider({ name, calls: [Object.fromEntries(metrics.map((metric) => [metric, { error, attempts: 3 }]))] });
  }

  async measure(query: MetricsQuery): Promise<Measurement[]> {
    this.queries.push(query);
    const call = this.callsByTrack.get(query.track) ?? 0;
    this.callsByTrack.set(query.track, call + 1);
    const script = Array.isArray(this.options.calls) ? this.options.calls : (this.options.calls[query.track] ?? []);
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const exhausted = call >= script.length;
    const scripted = exhausted && this.options.afterScript === 'unreadable' ? undefined : script[Math.min(call, script.length - 1)];
    if (scripted === undefined) {
      const metrics = Object.keys(script.at(-1) ?? {}) as MetricName[];
      return metrics.map((metric) => ({ kind: 'error', provider: this.name, metric, track: query.track, at, source: `fake:${this.name}`, error: `the fake's script ended after ${script.length} call(s)`, attempts: 1 }));
    }
    if (typeof scripted === 'function') return scripted(query, call);
    return Object.entries(scripted).map(([metric, reading]) => this.toMeasurement(metric as MetricName, reading as ScriptedReading, query, at));
  }

  private toMeasurement(metric: MetricName, reading: ScriptedReading, query: MetricsQuery, at: string): Measurement {
    const base = { provider: this.name, metric, track: query.track, at, source: `fake:${this.name}:${metric}` };
    if (typeof reading === 'number') return { ...base, kind: 'value', value: reading, unit: unitOf(metric) ?? 'count' };
    if ('error' in reading) return { ...base, kind: 'error', error: reading.error, attempts: reading.attempts ?? 1 };
    if ('noData' in reading) return { ...base, kind: 'no-data', reason: reading.noData };
    const { value, unit, ...extra } = reading;
    return { ...base, kind: 'value', value, unit: unit ?? unitOf(metric) ?? 'count', ...extra };
  }
}
