import type { MetricName } from '@safe-deploy/core';
import { checkMetricValue } from './check-metric-value';
import { histogramQuantile, type Bucket } from './histogram-quantile';
import type { ExpositionSample } from './parse-exposition';
import type { Reading } from './reading';
import type { SeriesNames } from './series-options';

/** One scrape of one track's samples, and when it was taken. */
export interface Scrape {
  atMs: number;
  samples: readonly ExpositionSample[];
}

/** What the comparison needs to know about the app's series. */
export interface ScrapeShape {
  names: SeriesNames;
  codeLabel: string;
  /** Status codes that are errors, anchored. */
  errorCodes: RegExp;
  metrics: readonly MetricName[];
  /** Metrics left out (rather than no-data) when their series do not exist. */
  optional: ReadonlySet<MetricName>;
}

const QUANTILES: Partial<Record<MetricName, number>> = { 'latency-p50': 0.5, 'latency-p95': 0.95, 'latency-p99': 0.99 };

const seriesKey = (sample: ExpositionSample) =>
  `${sample.name}{${Object.entries(sample.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;

/**
 * Turns two scrapes of the same track into readings: counter deltas over the elapsed time become rates and
 * counts, histogram bucket deltas become quantiles (interpolated as `histogram_quantile` does) with the buckets in
 * ms, gauges are read as they are. Decides by whether there is a previous scrape (without one, rate-like metrics
 * are no-data), counter resets (a series that went down, or a changed process start time, counts from zero), and
 * traffic in between (none: no-data, not a healthy zero).
 */
export function compareScrapes(previous: Scrape | undefined, current: Scrape, shape: ScrapeShape, source: string): Reading[] {
  const { names } = shape;
  const elapsed = previous ? (current.atMs - previous.atMs) / 1000 : 0;
  const startTime = (scrape: Scrape) => scrape.samples.find((s) => s.name === names['start-time'])?.value;
  const restarted = previous !== undefined && startTime(previous) !== undefined && startTime(previous) !== startTime(current);
  const before = new Map((previous?.samples ?? []).map((sample) => [seriesKey(sample), sample.value]));
  const of = (name: string, scrape: Scrape = current) => scrape.samples.filter((sample) => sample.name === name);
  const increase = (samples: readonly ExpositionSample[]) =>
    samples.reduce((sum, sample) => {
      const earlier = restarted ? undefined : before.get(seriesKey(sample));
      return sum + (earlier === undefined || sample.value < earlier ? sample.value : sample.value - earlier);
    }, 0);

  const noData = (metric: MetricName, reason: string): Reading => ({ kind: 'no-data', metric, source, reason });
  const fail = (metric: MetricName, error: string): Reading => ({ kind: 'error', metric, source, error, attempts: 1 });
  const missing = (metric: MetricName, name: string): Reading | undefined => (shape.optional.has(metric) ? undefined : noData(metric, `the exposition has no ${name} samples`));
  const value = (metric: MetricName, amount: number, unit: Extract<Reading, { kind: 'value' }>['unit'], extra: Partial<Extract<Reading, { kind: 'value' }>> = {}): Reading => {
    const problem = checkMetricValue(metric, amount);
    return problem ? fail(metric, problem) : { kind: 'value', metric, source, value: amount, unit, ...extra };
  };
  const firstScrape = (metric: MetricName) => noData(metric, 'first scrape: a rate needs two; the next call measures the change since this one');
  const window = { windowSeconds: Math.round(elapsed * 1000) / 1000 };
  const gauge = (name: string) => {
    const samples = of(name);
    return samples.length === 0 ? undefined : samples.reduce((sum, sample) => sum + sample.value, 0);
  };

  const requests = of(names.requests);
  const errors = requests.filter((sample) => shape.errorCodes.test(sample.labels[shape.codeLabel] ?? ''));
  const read = (metric: MetricName): Reading | undefined => {
    if (Object.hasOwn(QUANTILES, metric)) return latency(metric);
    switch (metric) {
      case 'memory-bytes': {
        const bytes = gauge(names.memory);
        return bytes === undefined ? missing(metric, names.memory) : value(metric, bytes, 'bytes');
      }
      case 'memory-percent': {
        const bytes = gauge(names.memory);
        const limit = gauge(names['memory-limit']);
        if (bytes === undefined || limit === undefined) return missing(metric, bytes === undefined ? names.memory : names['memory-limit']);
        return limit > 0 ? value(metric, (100 * bytes) / limit, 'percent') : fail(metric, `${names['memory-limit']} is ${limit}`);
      }
      case 'request-rate':
      case 'error-rate':
      case 'availability': {
        if (requests.length === 0 && of(names.requests, previous ?? current).length === 0) return missing(metric, names.requests);
        if (!previous) return firstScrape(metric);
        if (elapsed <= 0) return noData(metric, 'two scrapes at the same instant');
        const total = increase(requests);
        if (metric === 'request-rate') return value(metric, total / elapsed, 'per-second', window);
        if (total === 0) return noData(metric, `no requests in the ${formatSeconds(elapsed)} between scrapes`);
        const failed = Math.min(increase(errors), total);
        const rate = (100 * failed) / total;
        return value(metric, metric === 'error-rate' ? rate : 100 - rate, 'percent', { ...window, counts: { requests: total, errors: failed } });
      }
      case 'cpu-percent':
      case 'db-connection-errors': {
        const name = metric === 'cpu-percent' ? names.cpu : names['db-errors'];
        if (of(name).length === 0) return missing(metric, name);
        if (!previous) return firstScrape(metric);
        if (elapsed <= 0) return noData(metric, 'two scrapes at the same instant');
        const delta = increase(of(name));
        return metric === 'cpu-percent' ? value(metric, (100 * delta) / elapsed, 'percent', window) : value(metric, delta, 'count', window);
      }
      default:
        return noData(metric, `the prometheus-scrape provider has no reading for ${metric}`);
    }
  };

  function latency(metric: MetricName): Reading | undefined {
    const bucketName = `${names.duration}_bucket`;
    const buckets = of(bucketName);
    if (buckets.length === 0) return missing(metric, bucketName);
    if (!previous) return firstScrape(metric);
    const byBound = new Map<number, number>();
    for (const sample of buckets) {
      const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
      if (Number.isNaN(le)) return fail(metric, `${bucketName} has a sample without a numeric le label`);
      if (!Number.isFinite(sample.value) || sample.value < 0) return fail(metric, `${bucketName}{le="${sample.labels.le}"} is ${sample.value}`);
      byBound.set(le, (byBound.get(le) ?? 0) + increase([sample]));
    }
    const scale = names['duration-unit'] === 's' ? 1000 : 1;
    let highest = 0;
    const histogram: Bucket[] = [...byBound]
      .sort(([a], [b]) => a - b)
      .map(([le, count]) => ({ le: le * scale, count: (highest = Math.max(highest, count)) }));
    if (histogram.at(-1)?.le !== Infinity) return fail(metric, `${bucketName} has no le="+Inf" bucket`);
    if ((histogram.at(-1)?.count ?? 0) === 0) return noData(metric, `no requests in the ${formatSeconds(elapsed)} between scrapes`);
    return value(metric, histogramQuantile(QUANTILES[metric] as number, histogram), 'ms', { ...window, histogram });
  }

  return shape.metrics.map(read).filter((reading): reading is Reading => reading !== undefined);
}

function formatSeconds(seconds: number): string {
  return `${Math.round(seconds * 10) / 10} s`;
}
