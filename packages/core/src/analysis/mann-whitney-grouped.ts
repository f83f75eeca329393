import { normalCdf } from './normal-cdf';
import { requireNumber } from './require-number';

/** Which way the test looks: `greater` asks whether x tends to be larger than y. */
export type MannWhitneyAlternative = 'greater' | 'less' | 'two-sided';

/** How many observations of each sample share one value; groups ordered by increasing value. */
export interface TiedGroup {
  x: number;
  y: number;
}

/** A Mann-Whitney U test's result. */
export interface MannWhitneyResult {
  /** U of the x sample: pairs (x, y) with x > y, plus half the ties. */
  u: number;
  /** The normal score of U, continuity-corrected toward the null. */
  z: number;
  pValue: number;
  nx: number;
  ny: number;
}

/**
 * The Mann-Whitney U test (Mann and Whitney 1947) on grouped data — a histogram's buckets or any values with
 * ties — with the normal approximation, the tie-corrected variance nx·ny/12 · (N + 1 − Σ(t³ − t) / (N(N − 1)))
 * and a 0.5 continuity correction (as scipy's `mannwhitneyu(method='asymptotic')`). O(groups), however many
 * observations the groups hold.
 */
export function mannWhitneyUGrouped(groups: readonly TiedGroup[], alternative: MannWhitneyAlternative = 'two-sided'): MannWhitneyResult {
  let nx = 0;
  let ny = 0;
  let u = 0;
  let ties = 0;
  for (const [i, group] of groups.entries()) {
    if (!(group.x >= 0 && group.y >= 0 && group.x < Infinity && group.y < Infinity)) {
      requireNumber(group.x, `groups[${i}].x`, { min: 0 });
      requireNumber(group.y, `groups[${i}].y`, { min: 0 });
    }
    u += group.x * (ny + group.y / 2);
    nx += group.x;
    ny += group.y;
    const t = group.x + group.y;
    ties += t * t * t - t;
  }
  const n = nx + ny;
  const mean = (nx * ny) / 2;
  const variance = n > 1 ? ((nx * ny) / 12) * (n + 1 - ties / (n * (n - 1))) : 0;
  if (!(variance > 0)) return { u, z: 0, pValue: 1, nx, ny };
  const sd = Math.sqrt(variance);
  const upper = normalCdf(-(u - mean - 0.5) / sd); // P(U ≥ u)
  const lower = normalCdf((u - mean + 0.5) / sd); // P(U ≤ u)
  const pValue = alternative === 'greater' ? upper : alternative === 'less' ? lower : Math.min(1, 2 * Math.min(upper, lower));
  const z = alternative === 'less' ? (u - mean + 0.5) / sd : alternative === 'greater' ? (u - mean - 0.5) / sd : (u - mean - 0.5 * Math.sign(u - mean)) / sd;
  return { u, z, pValue, nx, ny };
}
