// Figures of one cell's records: how often a method failed, how soon (median over all rollouts, a rollout that
// never failed counting as never), and how many canary requests it had seen by then.
import type { MethodRecord } from './run-cell';

/** A method's figures in one cell. */
export interface MethodFigures {
  /** Share of rollouts failed at some look. */
  rate: number;
  /** Share failed at the first look. */
  atFirstLook: number;
  /** Median first failing look over all rollouts; Infinity when fewer than half failed. */
  medianLook: number;
  /** Canary requests seen by that look, same convention. */
  medianRequests: number;
}

/** Summarizes a method's record; undefined records (method not run) give undefined. */
export function summarizeCell(record: MethodRecord | undefined): MethodFigures | undefined {
  if (!record || record.looks.length === 0) return undefined;
  const n = record.looks.length;
  const failed = record.looks.filter((l) => l > 0).length;
  return {
    rate: failed / n,
    atFirstLook: record.looks.filter((l) => l === 1).length / n,
    medianLook: median(record.looks.map((l) => (l > 0 ? l : Infinity))),
    medianRequests: median(record.requests.map((r, i) => ((record.looks[i] ?? 0) > 0 ? r : Infinity))),
  };
}

/** The lower median (a rollout count is never fractional). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
