import { describe, expect, it } from '@jest/globals';
import { judgeLatency } from './judge-latency';
import type { HistogramBucket } from './latency-histogram';
import { DEFAULT_LATENCY_SETTINGS, type LatencySettings, type MetricDecision } from './metric-judgement';
import { normalCdf } from './normal-cdf';

const BOUNDS = [5, 10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, Infinity];
/** A cumulative histogram of n log-normal latencies (σ 0.5), counts rounded as a scrape would report them. */
const lognormal = (n: number, medianMs: number): HistogramBucket[] =>
  BOUNDS.map((le) => ({ le, count: le === Infinity ? n : Math.round(n * normalCdf(Math.log(le / medianMs) / 0.5)) }));
const judge = (canary: HistogramBucket[], baseline: HistogramBucket[], settings: Partial<LatencySettings> = {}) =>
  judgeLatency({ canary, baseline, look: 3, settings: { ...DEFAULT_LATENCY_SETTINGS, ...settings } });
const RANK: Record<MetricDecision, number> = { 'insufficient-data': -1, pass: 0, continue: 1, fail: 2 };

describe('judgeLatency', () => {
  it.each([
    ['the same latencies at volume pass', lognormal(6_000, 100), lognormal(114_000, 100), 'pass'],
    ['p95 ×1.5 at volume fails', lognormal(6_000, 150), lognormal(114_000, 100), 'fail'],
    ['p95 ×3 fails within one interval at 1 req/s', lognormal(60, 300), lognormal(1_140, 100), 'fail'],
    ['p95 ×1.1 at high volume is inside the tolerance and passes', lognormal(600_000, 110), lognormal(11_400_000, 100), 'pass'],
    ['p95 ×1.5 in 30 requests is not yet clear', lognormal(30, 150), lognormal(570, 100), 'continue'],
    ['a fast service 3× slower but only ~18 ms is never a regression', lognormal(600_000, 12), lognormal(11_400_000, 4), 'continue'],
    ['10 canary requests are below the minimum sample', lognormal(10, 900), lognormal(10_000, 100), 'insufficient-data'],
  ] as const)('%s', (_name, canary, baseline, decision) => {
    expect(judge(canary, baseline).decision).toBe(decision);
  });

  it('reports quantiles in ms, the tolerance bound and the shares above it', () => {
    const judged = judge(lognormal(6_000, 150), lognormal(114_000, 100));
    expect(judged).toMatchObject({ metric: 'latency-p95', decision: 'fail', test: 'msprt-share-above-threshold', samples: { canary: 6_000, baseline: 114_000 } });
    const baseline = judged.baseline ?? NaN;
    expect(baseline).toBeGreaterThan(200);
    expect(baseline).toBeLessThan(250);
    expect(judged.threshold).toBeCloseTo(Math.max(1.5 * baseline, baseline + 25), 10);
    expect(judged.value).toBeGreaterThan(1.4 * baseline);
    expect(judged.reason).toMatch(/^Canary p95 \d+ ms vs baseline \d+ ms at look 3: [\d.]+ % of 6,000 canary requests took over \d+ ms \(the tolerance, 1\.5× baseline p95 or \+ 25\.0 ms\) against [\d.]+ % of 114,000 baseline requests; .* — a regression\.$/);
  });

  it('holds a fast service to the minimum effect rather than the multiplier', () => {
    const judged = judge(lognormal(600_000, 12), lognormal(11_400_000, 4));
    expect(judged.threshold).toBeCloseTo((judged.baseline ?? NaN) + 25, 10);
    expect(judged.reason).toMatch(/the canary is slower \(over 1,000,000 to 1\) but its p95 is not yet clearly over [\d.]+ ms/);
    expect(judge(lognormal(600_000, 12), lognormal(11_400_000, 4), { minimumEffectMs: 5 }).decision).toBe('fail');
  });

  it('names the metric after the quantile', () => {
    expect(judge(lognormal(6_000, 100), lognormal(114_000, 100), { quantile: 0.99 }).metric).toBe('latency-p99');
    expect(judge(lognormal(6_000, 100), lognormal(114_000, 100), { quantile: 0.999 }).metric).toBe('latency-p99.9');
  });

  it('never makes fail less likely as canary requests move to slower buckets', () => {
    const baseline = lognormal(19_000, 100);
    let previous = -Infinity;
    for (let moved = 0; moved <= 200; moved += 10) {
      // `moved` of 1,000 canary requests go from ≤ 100 ms to the 750–1000 ms bucket.
      const canary = lognormal(1_000, 100).map((b) => ({ le: b.le, count: b.le >= 100 && b.le < 1000 ? b.count - moved : b.count }));
      const rank = RANK[judge(canary, baseline).decision];
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
    expect(previous).toBe(RANK.fail);
  });

  it('says why data are insufficient', () => {
    expect(judge(lognormal(10, 100), lognormal(10_000, 100)).reason).toBe(
      'Only 10 canary and 10,000 baseline requests in the latency histograms at look 3 (at least 20 each are needed): not judged.',
    );
  });

  it.each([
    [{ canary: [{ le: 100, count: 5 }] }, /canary must have at least one finite bucket and \+Inf/],
    [{ baseline: [{ le: 100, count: 5 }, { le: Infinity, count: 4 }] }, /baseline\[1\]\.count must not be below the previous bucket's 5/],
    [{ settings: { quantile: 1 } }, /settings\.quantile must be less than 1/],
    [{ settings: { multiplier: 0.5 } }, /settings\.multiplier must be greater than 1/],
    [{ settings: { minimumEffectMs: -1 } }, /settings\.minimumEffectMs must be at least 0/],
    [{ look: -1 }, /look must be at least 1/],
  ] as const)('throws a RangeError naming the field for %j', (overrides, message) => {
    const o = overrides as { canary?: HistogramBucket[]; baseline?: HistogramBucket[]; look?: number; settings?: Partial<LatencySettings> };
    const call = () =>
      judgeLatency({ canary: o.canary ?? lognormal(100, 100), baseline: o.baseline ?? lognormal(1_000, 100), look: o.look ?? 1, settings: { ...DEFAULT_LATENCY_SETTINGS, ...o.settings } });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
