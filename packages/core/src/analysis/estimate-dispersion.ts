import type { RequestCounts } from './judge-error-rate';
import { requireNumber } from './require-number';

/** One interval's own counts (not cumulative) on both sides. */
export interface IntervalCounts {
  canary: RequestCounts;
  baseline: RequestCounts;
}

/** The estimated variance inflation of the canary's share of errors, and the degrees of freedom behind it. */
export interface DispersionEstimate {
  dispersion: number;
  degreesOfFreedom: number;
}

/**
 * Estimates how much more the canary's share of errors varies from interval to interval than the binomial allows
 * — errors in bursts or retries on one side — for `ErrorRateSettings.dispersion`: Pearson's X² / (K − 1) (McCullagh
 * and Nelder 1989, §4.5) around the common rate ratio fitted to all intervals, never below 1. Load swings that hit
 * both sides cancel out of the share, so they do not inflate it. Intervals without errors carry no information and
 * are skipped; with fewer than two informative intervals the estimate is 1.
 */
export function estimateDispersion(intervals: readonly IntervalCounts[]): DispersionEstimate {
  const rows: { nc: number; nb: number; xc: number; events: number }[] = [];
  intervals.forEach((interval, i) => {
    const nc = interval.canary.requests;
    const nb = interval.baseline.requests;
    const xc = interval.canary.errors;
    const xb = interval.baseline.errors;
    // Checked inline: this runs over every interval at every look, and the field names are only built on failure.
    if (!(nc >= 0 && nc < Infinity)) requireNumber(nc, `intervals[${i}].canary.requests`, { min: 0 });
    if (!(nb >= 0 && nb < Infinity)) requireNumber(nb, `intervals[${i}].baseline.requests`, { min: 0 });
    if (!(xc >= 0 && xc <= nc)) requireNumber(xc, `intervals[${i}].canary.errors`, { min: 0, max: nc });
    if (!(xb >= 0 && xb <= nb)) requireNumber(xb, `intervals[${i}].baseline.errors`, { min: 0, max: nb });
    if (xc + xb > 0 && nc > 0 && nb > 0) rows.push({ nc, nb, xc, events: xc + xb });
  });
  if (rows.length < 2) return { dispersion: 1, degreesOfFreedom: 0 };
  const share = (r: { nc: number; nb: number }, ratio: number): number => (ratio * r.nc) / (ratio * r.nc + r.nb);
  const observed = rows.reduce((s, r) => s + r.xc, 0);
  const events = rows.reduce((s, r) => s + r.events, 0);
  if (observed === 0 || observed === events) return { dispersion: 1, degreesOfFreedom: 0 };
  // The common rate ratio u = log ρ: expected canary errors equal observed ones. The expectation rises with u
  // (its derivative is Σ S·π(1 − π)), so Newton's steps, kept inside a shrinking bracket, converge in a few.
  const excess = (u: number): { value: number; slope: number } => {
    let value = -observed;
    let slope = 0;
    const ratio = Math.exp(u);
    for (const r of rows) {
      const p = share(r, ratio);
      value += r.events * p;
      slope += r.events * p * (1 - p);
    }
    return { value, slope };
  };
  let lo = -50;
  let hi = 50;
  let u = 0;
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const { value, slope } = excess(u);
    if (value === 0) break;
    if (value < 0) lo = u;
    else hi = u;
    const next = u - value / slope;
    u = slope > 0 && next > lo && next < hi ? next : (lo + hi) / 2;
  }
  const ratio = Math.exp(u);
  const pearson = rows.reduce((s, r) => {
    const p = share(r, ratio);
    return s + (r.xc - r.events * p) ** 2 / (r.events * p * (1 - p));
  }, 0);
  const degreesOfFreedom = rows.length - 1;
  return { dispersion: Math.max(1, pearson / degreesOfFreedom), degreesOfFreedom };
}
