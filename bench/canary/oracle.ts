// The limit to measure the engine against: Wald's SPRT that knows both rates and sees every canary request.
import { normalCdf, waldSprt, type WaldSprt } from '../../packages/core/src/analysis/index';
import type { Random } from './random';
import { LATENCY_SIGMA, LOOKS, LOOKS_PER_STAGE, STAGE_WEIGHTS, canaryErrorRate, type Cell } from './scenarios';

/** What the oracle needs and achieves in one cell. */
export interface OracleReference {
  /** Event rate per canary request under "no change" and under the cell's truth (errors, or requests above T). */
  p0: number;
  p1: number;
  /** Wald's approximation (overshoot ignored) of the SPRT's expected canary requests under H1 (α = β = 0.01). */
  waldApproximation: number;
  /** The same expectation simulated exactly, overshoot included: the reference the engine is held to. */
  expectedRequests: number;
  /** Expected canary requests in the whole rollout. */
  rolloutRequests: number;
  /** Chance that the one-sided SPRT (threshold log 99, no lower boundary) reaches H1 within the rollout. */
  powerWithinRollout: number;
  /** The same within the first look's canary requests. */
  powerWithinFirstLook: number;
}

const ALPHA = 0.01;
const BETA = 0.01;

/** The SPRT reference for a regression cell, or null for a cell with no regression to find. */
export function oracleReference(cell: Cell, random: Random, paths: number): OracleReference | null {
  const rates = cellRates(cell);
  if (rates === null) return null;
  const { p0, p1 } = rates;
  const sprt = waldSprt({ p0, p1, alpha: ALPHA, beta: BETA });
  const rolloutRequests = expectedCanaryRequests(cell);
  const firstLook = cell.canaryRps * 60;
  let crossed = 0;
  let crossedInFirstLook = 0;
  let stoppedAfter = 0;
  for (let i = 0; i < paths; i++) stoppedAfter += sprtStop(sprt, p1, random);
  for (let i = 0; i < paths; i++) {
    let llr = 0;
    let used = 0;
    for (;;) {
      const gap = random.geometric(p1);
      used += gap + 1;
      if (used > rolloutRequests) break;
      llr += gap * sprt.nonEventStep + sprt.eventStep;
      if (llr >= sprt.logUpper) {
        crossed += 1;
        if (used <= firstLook) crossedInFirstLook += 1;
        break;
      }
    }
  }
  return { p0, p1, waldApproximation: sprt.expectedSampleSize.h1, expectedRequests: stoppedAfter / paths, rolloutRequests, powerWithinRollout: crossed / paths, powerWithinFirstLook: crossedInFirstLook / paths };
}

/** Requests the two-sided SPRT takes to decide, request by request, when the true rate is p (between errors its
 * statistic only falls, so the lower boundary is found by arithmetic and the upper one only at errors). */
function sprtStop(sprt: WaldSprt, p: number, random: Random): number {
  let llr = 0;
  let used = 0;
  for (;;) {
    const gap = random.geometric(p);
    if (llr + gap * sprt.nonEventStep <= sprt.logLower) return used + Math.ceil((sprt.logLower - llr) / sprt.nonEventStep);
    used += gap + 1;
    llr += gap * sprt.nonEventStep + sprt.eventStep;
    if (llr >= sprt.logUpper) return used;
  }
}

/** Expected canary requests over the rollout (diurnal swings average out over its 40 minutes). */
export function expectedCanaryRequests(cell: Cell): number {
  const staged = cell.family === 'staged' || cell.family === 'staged-diurnal';
  const total = cell.canaryRps / STAGE_WEIGHTS[0];
  let requests = 0;
  for (let look = 1; look <= LOOKS; look++) {
    const weight = (staged ? STAGE_WEIGHTS[Math.min(3, Math.floor((look - 1) / LOOKS_PER_STAGE))] : undefined) ?? STAGE_WEIGHTS[0];
    requests += total * weight * 60;
  }
  return requests;
}

/**
 * Rates the oracle tests: error rates for error cells; for latency cells, the share of requests slower than the
 * engine's tolerance bound (1.5 × the baseline's true p95) on each side. Null for A/A cells and for the floor case.
 */
function cellRates(cell: Cell): { p0: number; p1: number } | null {
  if (cell.change.latencyMultiplier !== 1) {
    const z95 = 1.6448536269514722;
    const bound = Math.log(1.5) + z95 * LATENCY_SIGMA; // log(T / median), baseline units
    const above = (multiplier: number): number => normalCdf(-(bound - Math.log(multiplier)) / LATENCY_SIGMA);
    return { p0: above(1), p1: above(cell.change.latencyMultiplier) };
  }
  const p1 = canaryErrorRate(cell);
  if (p1 <= cell.baseErrorRate || p1 <= 0.0005) return null;
  return { p0: cell.baseErrorRate, p1 };
}
