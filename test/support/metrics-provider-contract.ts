import { describe, expect, it } from '@jest/globals';
import { METRIC_UNITS, METRICS, type CanonicalMetric, type Measurement, type MetricName, type MetricsProvider, type MetricsQuery } from '@safe-deploy/core';

/** One implementation under the contract: how to get a working one and one whose source is down. */
export interface ContractSubject {
  /** A provider reading a healthy, live source. */
  healthy(): Promise<MetricsProvider>;
  /** Calls to make first (e.g. a scrape provider needs one to have a previous scrape), with traffic in between. */
  warmUp?(provider: MetricsProvider, query: MetricsQuery): Promise<void>;
  /** A provider whose source does not answer (retries must not wait for real). */
  dead(): Promise<MetricsProvider>;
  /** Metrics the dead provider must still report, one `error` each. */
  expectedMetrics: readonly MetricName[];
}

const isCanonical = (metric: MetricName): metric is CanonicalMetric => (METRICS as readonly string[]).includes(metric);

/** Everything wrong with a call's measurements against the MetricsProvider contract, as sentences (none: it holds). */
export function contractViolations(measurements: readonly Measurement[], provider: MetricsProvider, query: MetricsQuery): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const m of measurements) {
    const id = `${m.metric} (${m.kind})`;
    if (seen.has(m.metric)) problems.push(`${m.metric} is reported twice in one call`);
    seen.add(m.metric);
    if (m.provider !== provider.name) problems.push(`${id}: provider is ${m.provider}, not ${provider.name}`);
    if (m.track !== query.track) problems.push(`${id}: track is ${m.track}, asked ${query.track}`);
    if (!isCanonical(m.metric) && !/^custom:[a-z0-9][a-z0-9._-]*$/.test(m.metric)) problems.push(`${id}: not a metric name`);
    if (Number.isNaN(Date.parse(m.at)) || new Date(m.at).toISOString() !== m.at) problems.push(`${id}: at ${m.at} is not an ISO timestamp`);
    if (!m.source) problems.push(`${id}: no source`);
    if (m.kind === 'value') {
      if (!Number.isFinite(m.value) || m.value < 0) problems.push(`${id}: value ${m.value} is not a finite non-negative number`);
      if (isCanonical(m.metric) && m.unit !== METRIC_UNITS[m.metric]) problems.push(`${id}: unit ${m.unit}, expected ${METRIC_UNITS[m.metric]}`);
      if ((m.metric === 'error-rate' || m.metric === 'availability') && m.value > 100) problems.push(`${id}: ${m.value} % is above 100`);
      if (m.metric === 'health-check' && m.value !== 0 && m.value !== 1) problems.push(`${id}: a health check is 0 or 1`);
      if (m.windowSeconds !== undefined && !(m.windowSeconds >= 0)) problems.push(`${id}: windowSeconds ${m.windowSeconds}`);
      if (m.counts && !(m.counts.requests >= 0 && m.counts.errors >= 0 && m.counts.errors <= m.counts.requests)) problems.push(`${id}: counts ${JSON.stringify(m.counts)}`);
      if (m.histogram) {
        const ordered = m.histogram.every((b, i, all) => i === 0 || (b.le > (all[i - 1]?.le ?? -Infinity) && b.count >= (all[i - 1]?.count ?? 0)));
        if (!ordered || m.histogram.at(-1)?.le !== Infinity) problems.push(`${id}: histogram is not cumulative by increasing le ending with Infinity`);
      }
    } else if (m.kind === 'error') {
      if (!m.error) problems.push(`${id}: an error without a reason`);
      if (!(Number.isInteger(m.attempts) && m.attempts >= 0)) problems.push(`${id}: attempts ${m.attempts}`);
    } else if (!m.reason) problems.push(`${id}: no-data without a reason`);
  }
  return problems;
}

/**
 * The MetricsProvider contract, run against every implementation (real and fake): well-formed measurements in
 * canonical units, tagged with the provider and the track asked for; never a throw for a source that is down,
 * but one `error` per metric instead — never a value that could look healthy.
 */
export function describeMetricsProviderContract(name: string, subject: ContractSubject): void {
  describe(`${name} honours the MetricsProvider contract`, () => {
    const canary: MetricsQuery = { track: 'canary', environment: 'production', windowSeconds: 10, version: 'v1' };

    it('answers a live source with well-formed measurements, in canonical units, with values among them', async () => {
      const provider = await subject.healthy();
      await subject.warmUp?.(provider, canary);
      const measurements = await provider.measure(canary);
      expect(contractViolations(measurements, provider, canary)).toEqual([]);
      expect(measurements.filter((m) => m.kind === 'value').length).toBeGreaterThan(0);
      expect(measurements.filter((m) => m.kind === 'error')).toEqual([]);
    });

    it('tags each measurement with the track it was asked for', async () => {
      const provider = await subject.healthy();
      const stable = { ...canary, track: 'stable' as const };
      await subject.warmUp?.(provider, stable);
      const measurements = await provider.measure(stable);
      expect(contractViolations(measurements, provider, stable)).toEqual([]);
      expect(new Set(measurements.map((m) => m.track))).toEqual(new Set(['stable']));
    });

    it('never throws for a source that is down: one error per metric, no value of a canonical metric', async () => {
      const provider = await subject.dead();
      const measurements = await provider.measure(canary);
      expect(contractViolations(measurements, provider, canary)).toEqual([]);
      const errors = measurements.filter((m) => m.kind === 'error').map((m) => m.metric);
      expect(errors).toEqual(expect.arrayContaining([...subject.expectedMetrics]));
      expect(measurements.filter((m) => m.kind === 'value' && isCanonical(m.metric))).toEqual([]);
    });
  });
}
