// One simulated rollout, generated interval by interval and judged at every look by the three methods on the
// same data: the engine (packages/core/src/analysis), the seeds' fixed thresholds over a trailing 5-minute
// window, and a Kayenta-style Mann-Whitney test per look. Returns the first look each method failed (or passed).
import {
  DEFAULT_ERROR_RATE_SETTINGS,
  DEFAULT_LATENCY_SETTINGS,
  estimateDispersion,
  judgeErrorRate,
  judgeLatency,
  mannWhitneyUGrouped,
  normalCdf,
  readLatencyHistogram,
  type ErrorRateSettings,
  type HistogramBucket,
  type IntervalCounts,
} from '../../packages/core/src/analysis/index';
import type { Random } from './random';
import {
  BUCKETS_MS,
  LATENCY_MEDIAN_MS,
  LATENCY_SIGMA,
  LOOKS,
  LOOKS_PER_STAGE,
  STAGE_WEIGHTS,
  STEP_SECONDS,
  STEPS_PER_LOOK,
  canaryErrorRate,
  type Cell,
} from './scenarios';

/**
 * The methods compared: the engine with its defaults; `engine-est`, the engine given the dispersion estimated
 * (`estimateDispersion`) from the 10 s counts so far, as a Prometheus range query with a 10 s step would give them; `engine-d2`, the engine told errors come in bursts (dispersion 2, bursty
 * cells only); the seeds' fixed thresholds; a Kayenta-style Mann-Whitney test.
 */
export const METHODS = ['engine', 'engine-est', 'engine-d2', 'fixed', 'mann-whitney'] as const;
/** One of the compared methods. */
export type Method = (typeof METHODS)[number];
/** First look (1-based) at which a method failed a metric, 0 when it never did. */
export interface RolloutOutcome {
  errorFail: Record<Method, number>;
  latencyFail: Record<Method, number>;
  /** First look the engine said `pass` for the metric (0: never). */
  errorPass: number;
  latencyPass: number;
  /** Cumulative canary requests at each look (index look − 1). */
  canaryRequests: number[];
}

const KAYENTA_MIN_POINTS = 50;
const KAYENTA_ALPHA = 0.01;
const FIXED_WINDOW_LOOKS = 5;
const D2_SETTINGS: ErrorRateSettings = { ...DEFAULT_ERROR_RATE_SETTINGS, dispersion: 2 };
/** Bursty errors: a common factor per 10 s (Gamma, mean 1, CV 0.71) and errors in clusters of mean 1.5 per side. */
const BURST_SHAPE = 2;
const CLUSTER_MEAN = 1.5;

/** Runs one rollout of `cell`, drawing from `random`. */
export function runRollout(cell: Cell, random: Random): RolloutOutcome {
  const bursty = cell.family === 'bursty';
  const diurnal = cell.family === 'diurnal' || cell.family === 'staged-diurnal';
  const staged = cell.family === 'staged' || cell.family === 'staged-diurnal';
  const engines: Method[] = bursty ? ['engine', 'engine-est', 'engine-d2'] : ['engine', 'engine-est'];
  const zero = (): Record<Method, number> => ({ engine: 0, 'engine-est': 0, 'engine-d2': 0, fixed: 0, 'mann-whitney': 0 });
  const outcome: RolloutOutcome = { errorFail: zero(), latencyFail: zero(), errorPass: 0, latencyPass: 0, canaryRequests: [] };
  const pCanary = canaryErrorRate(cell);
  const pBase = cell.baseErrorRate;
  const phase = random.uniform() * 2 * Math.PI;
  const totalRps = cell.canaryRps / STAGE_WEIGHTS[0];
  const bucketProbabilities = (multiplier: number): number[] => {
    const mu = Math.log(LATENCY_MEDIAN_MS * multiplier);
    let below = 0;
    return BUCKETS_MS.map((le) => {
      const cdf = le === Infinity ? 1 : normalCdf((Math.log(le) - mu) / LATENCY_SIGMA);
      const p = cdf - below;
      below = cdf;
      return p;
    });
  };
  const canaryBuckets = bucketProbabilities(cell.change.latencyMultiplier);
  const baselineBuckets = bucketProbabilities(1);

  const cum = { cReq: 0, cErr: 0, bReq: 0, bErr: 0 };
  const windowLooks: { cReq: number; cErr: number; bReq: number; bErr: number; cHist: number[]; bHist: number[] }[] = [];
  const cHistCum = new Array<number>(BUCKETS_MS.length).fill(0);
  const bHistCum = new Array<number>(BUCKETS_MS.length).fill(0);
  const history: IntervalCounts[] = [];
  const cPoints = new SortedPoints(LOOKS * STEPS_PER_LOOK);
  const bPoints = new SortedPoints(LOOKS * STEPS_PER_LOOK);

  const errors = (n: number, p: number, common: number): number => {
    if (!bursty) return random.binomial(n, Math.min(1, p * common));
    const clusters = random.binomial(n, Math.min(1, (p * common) / CLUSTER_MEAN));
    const extra = clusters === 0 ? 0 : random.poisson(random.gamma(clusters) * (CLUSTER_MEAN - 1));
    return Math.min(n, clusters + extra);
  };

  for (let look = 1; look <= LOOKS; look++) {
    const weight = (staged ? STAGE_WEIGHTS[Math.min(3, Math.floor((look - 1) / LOOKS_PER_STAGE))] : undefined) ?? STAGE_WEIGHTS[0];
    const interval = { cReq: 0, cErr: 0, bReq: 0, bErr: 0, cHist: [] as number[], bHist: [] as number[] };
    for (let step = 0; step < STEPS_PER_LOOK; step++) {
      const t = ((look - 1) * STEPS_PER_LOOK + step + 0.5) * STEP_SECONDS;
      const load = diurnal ? 1 + 0.5 * Math.sin((2 * Math.PI * t) / (LOOKS * 60) + phase) : 1;
      const errorLoad = diurnal ? 0.7 + 0.3 * load : 1;
      const common = bursty ? random.gamma(BURST_SHAPE) / BURST_SHAPE : 1;
      const cReq = random.poisson(totalRps * weight * load * STEP_SECONDS);
      const bReq = random.poisson(totalRps * (1 - weight) * load * STEP_SECONDS);
      const cErr = errors(cReq, pCanary * errorLoad, common);
      const bErr = errors(bReq, pBase * errorLoad, common);
      interval.cReq += cReq;
      interval.cErr += cErr;
      interval.bReq += bReq;
      interval.bErr += bErr;
      history.push({ canary: { requests: cReq, errors: cErr }, baseline: { requests: bReq, errors: bErr } });
      if (cReq > 0) cPoints.add(cErr / cReq);
      if (bReq > 0) bPoints.add(bErr / bReq);
    }
    if (cell.latency) {
      interval.cHist = multinomial(random, interval.cReq, canaryBuckets);
      interval.bHist = multinomial(random, interval.bReq, baselineBuckets);
      interval.cHist.forEach((c, i) => (cHistCum[i] = (cHistCum[i] ?? 0) + c));
      interval.bHist.forEach((c, i) => (bHistCum[i] = (bHistCum[i] ?? 0) + c));
    }
    cum.cReq += interval.cReq;
    cum.cErr += interval.cErr;
    cum.bReq += interval.bReq;
    cum.bErr += interval.bErr;
    outcome.canaryRequests.push(cum.cReq);
    windowLooks.push(interval);
    if (windowLooks.length > FIXED_WINDOW_LOOKS) windowLooks.shift();

    // (a) the engine, on cumulative counts.
    for (const method of engines) {
      if (outcome.errorFail[method] === 0) {
        const settings = method === 'engine-d2' ? D2_SETTINGS : method === 'engine-est' ? { ...DEFAULT_ERROR_RATE_SETTINGS, dispersion: estimateDispersion(history).dispersion } : DEFAULT_ERROR_RATE_SETTINGS;
        const judged = judgeErrorRate({ canary: { requests: cum.cReq, errors: cum.cErr }, baseline: { requests: cum.bReq, errors: cum.bErr }, look, settings });
        if (judged.decision === 'fail') outcome.errorFail[method] = look;
        if (judged.decision === 'pass' && method === 'engine' && outcome.errorPass === 0) outcome.errorPass = look;
      }
      if (cell.latency && method === 'engine' && outcome.latencyFail.engine === 0) {
        const judged = judgeLatency({ canary: cumulative(cHistCum), baseline: cumulative(bHistCum), look, settings: DEFAULT_LATENCY_SETTINGS });
        if (judged.decision === 'fail') outcome.latencyFail.engine = look;
        if (judged.decision === 'pass' && outcome.latencyPass === 0) outcome.latencyPass = look;
      }
    }

    // (b) the seeds' fixed thresholds, naively at every look, over the trailing 5 minutes.
    if (outcome.errorFail.fixed === 0) {
      const w = windowLooks.reduce((s, i) => ({ cReq: s.cReq + i.cReq, cErr: s.cErr + i.cErr, bReq: s.bReq + i.bReq, bErr: s.bErr + i.bErr }), { cReq: 0, cErr: 0, bReq: 0, bErr: 0 });
      if (w.cReq > 0 && w.bReq > 0 && w.cErr / w.cReq > (2 * w.bErr) / w.bReq) outcome.errorFail.fixed = look;
    }
    if (cell.latency && outcome.latencyFail.fixed === 0) {
      const cHist = sumHistograms(windowLooks.map((i) => i.cHist));
      const bHist = sumHistograms(windowLooks.map((i) => i.bHist));
      const c = readLatencyHistogram(cumulative(cHist), 'canary');
      const b = readLatencyHistogram(cumulative(bHist), 'baseline');
      if (c.total > 0 && b.total > 0 && c.quantile(0.95) > 1.5 * b.quantile(0.95)) outcome.latencyFail.fixed = look;
    }

    // (c) Kayenta-style Mann-Whitney: per-10 s error-rate points and per-request latencies, ≥ 50 points a side.
    if (outcome.errorFail['mann-whitney'] === 0 && cPoints.size >= KAYENTA_MIN_POINTS && bPoints.size >= KAYENTA_MIN_POINTS) {
      if (mannWhitneyUGrouped(cPoints.groupsWith(bPoints), 'greater').pValue < KAYENTA_ALPHA) outcome.errorFail['mann-whitney'] = look;
    }
    if (cell.latency && outcome.latencyFail['mann-whitney'] === 0 && sum(cHistCum) >= KAYENTA_MIN_POINTS && sum(bHistCum) >= KAYENTA_MIN_POINTS) {
      const groups = cHistCum.map((x, i) => ({ x, y: bHistCum[i] ?? 0 }));
      if (mannWhitneyUGrouped(groups, 'greater').pValue < KAYENTA_ALPHA) outcome.latencyFail['mann-whitney'] = look;
    }
  }
  return outcome;
}

function multinomial(random: Random, n: number, probabilities: number[]): number[] {
  let left = n;
  let mass = 1;
  return probabilities.map((p) => {
    const k = mass > 0 && left > 0 ? random.binomial(left, Math.min(1, p / mass)) : 0;
    left -= k;
    mass -= p;
    return k;
  });
}

function cumulative(perBucket: number[]): HistogramBucket[] {
  let running = 0;
  return BUCKETS_MS.map((le, i) => {
    running += perBucket[i] ?? 0;
    return { le, count: running };
  });
}

function sumHistograms(histograms: number[][]): number[] {
  return BUCKETS_MS.map((_, i) => histograms.reduce((s, h) => s + (h[i] ?? 0), 0));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Per-10 s rates kept sorted as they arrive, so a look's rank test is a merge, not a sort. */
class SortedPoints {
  private readonly values: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  add(v: number): void {
    let i = this.size;
    while (i > 0 && (this.values[i - 1] ?? 0) > v) {
      this.values[i] = this.values[i - 1] ?? 0;
      i -= 1;
    }
    this.values[i] = v;
    this.size += 1;
  }
  /** Tied groups of this (x) and `other` (y), by increasing value. */
  groupsWith(other: SortedPoints): { x: number; y: number }[] {
    const groups: { x: number; y: number }[] = [];
    let i = 0;
    let j = 0;
    while (i < this.size || j < other.size) {
      const a = i < this.size ? (this.values[i] ?? Infinity) : Infinity;
      const b = j < other.size ? (other.values[j] ?? Infinity) : Infinity;
      const v = Math.min(a, b);
      const group = { x: 0, y: 0 };
      while (i < this.size && this.values[i] === v) {
        group.x += 1;
        i += 1;
      }
      while (j < other.size && other.values[j] === v) {
        group.y += 1;
        j += 1;
      }
      groups.push(group);
    }
    return groups;
  }
}
