// The canary bench's cells: traffic levels × base error rates × what changed in the canary, plus the noise
// families (bursty errors, diurnal traffic, sparse errors, staged weights). Every cell knows its truth.

/** What the canary does differently from the baseline in a cell. */
export interface CanaryChange {
  /** Canary error rate ÷ baseline error rate (1 = no change). */
  errorMultiplier: number;
  /** An absolute canary error rate instead (the hard fault: 0.2). */
  errorRate?: number;
  /** Canary latencies = baseline latencies × this (so its p95 is this × the baseline's). */
  latencyMultiplier: number;
}

/** One cell of the bench: a traffic pattern, a noise model and a change, simulated `rollouts` times. */
export interface Cell {
  id: string;
  family: 'main' | 'latency' | 'bursty' | 'diurnal' | 'sparse' | 'staged' | 'staged-diurnal';
  /** Canary requests per second at the 5 % weight (the baseline gets 19× as many). */
  canaryRps: number;
  baseErrorRate: number;
  change: CanaryChange;
  /** Whether latency is simulated and judged (A/A and latency cells). */
  latency: boolean;
  rollouts: number;
  /** Label of the change for tables: "A/A", "×2", "20 % errors", "p95 ×1.5". */
  label: string;
}

/** Looks per rollout: 4 stages × 10 min, one look per 60 s. */
export const LOOKS = 40;
/** Points per look: the 10 s points Kayenta's rank test and the dispersion estimate use. */
export const STEPS_PER_LOOK = 6;
/** Seconds per point. */
export const STEP_SECONDS = 10;
/** Canary weight per stage in the staged families; the other families keep the first stage's 5 % throughout. */
export const STAGE_WEIGHTS = [0.05, 0.25, 0.5, 1] as const;
/** Looks per stage in the staged families. */
export const LOOKS_PER_STAGE = 10;
/** Prometheus-style latency bucket bounds, in ms. */
export const BUCKETS_MS = [10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, Infinity];
/** The baseline's log-normal latency: median 100 ms … */
export const LATENCY_MEDIAN_MS = 100;
/** … and σ 0.5 of its log, so p95 ≈ 228 ms. */
export const LATENCY_SIGMA = 0.5;
/** Canary requests per second at the 5 % weight. */
export const TRAFFIC_LEVELS = [1, 10, 100, 1000];
/** Baseline error rates of the main family. */
export const BASE_RATES = [0.001, 0.01, 0.05];

const AA: CanaryChange = { errorMultiplier: 1, latencyMultiplier: 1 };

/** Every cell of the bench, A/A cells with `aaRollouts` rollouts and the others with `rollouts`. */
export function canaryCells(aaRollouts: number, rollouts: number): Cell[] {
  const cells: Cell[] = [];
  const add = (family: Cell['family'], canaryRps: number, baseErrorRate: number, change: CanaryChange, label: string, latency = false): void => {
    const aa = change.errorMultiplier === 1 && change.errorRate === undefined && change.latencyMultiplier === 1;
    cells.push({ id: `${family}/${canaryRps}/${baseErrorRate}/${label}`, family, canaryRps, baseErrorRate, change, latency, rollouts: aa ? aaRollouts : rollouts, label });
  };
  for (const rps of TRAFFIC_LEVELS) {
    for (const base of BASE_RATES) {
      add('main', rps, base, AA, 'A/A', true);
      for (const m of [1.5, 2, 5]) add('main', rps, base, { errorMultiplier: m, latencyMultiplier: 1 }, `×${m}`);
      add('main', rps, base, { errorMultiplier: 1, errorRate: 0.2, latencyMultiplier: 1 }, '20 % errors');
    }
    for (const m of [1.5, 3]) add('latency', rps, 0.01, { errorMultiplier: 1, latencyMultiplier: m }, `p95 ×${m}`, true);
    add('bursty', rps, 0.01, AA, 'A/A');
    add('bursty', rps, 0.01, { errorMultiplier: 2, latencyMultiplier: 1 }, '×2');
    add('diurnal', rps, 0.01, AA, 'A/A');
    add('diurnal', rps, 0.01, { errorMultiplier: 2, latencyMultiplier: 1 }, '×2');
    add('sparse', rps, 0.0001, AA, 'A/A');
    add('sparse', rps, 0.0001, { errorMultiplier: 3, latencyMultiplier: 1 }, '0.01 → 0.03 %');
    add('sparse', rps, 0.0001, { errorMultiplier: 10, latencyMultiplier: 1 }, '0.01 → 0.1 %');
    add('staged', rps, 0.01, AA, 'A/A');
    add('staged', rps, 0.01, { errorMultiplier: 2, latencyMultiplier: 1 }, '×2');
    add('staged-diurnal', rps, 0.01, AA, 'A/A');
  }
  return cells;
}

/** The canary's true error rate in a cell. */
export function canaryErrorRate(cell: Cell): number {
  return cell.change.errorRate ?? Math.min(1, cell.baseErrorRate * cell.change.errorMultiplier);
}
