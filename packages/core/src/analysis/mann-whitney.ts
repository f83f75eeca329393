import { requireNumber } from './require-number';
import { mannWhitneyUGrouped, type MannWhitneyAlternative, type MannWhitneyResult } from './mann-whitney-grouped';

/**
 * The Mann-Whitney U test of two samples (normal approximation, tie-corrected, continuity-corrected): the rank
 * test Kayenta's judge runs per metric. NaN cannot be ranked: it throws a RangeError naming the value.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], alternative: MannWhitneyAlternative = 'two-sided'): MannWhitneyResult {
  for (const [i, v] of x.entries()) if (Number.isNaN(v)) requireNumber(v, `x[${i}]`);
  for (const [i, v] of y.entries()) if (Number.isNaN(v)) requireNumber(v, `y[${i}]`);
  const tagged = [...x.map((v) => ({ v, fromX: true })), ...y.map((v) => ({ v, fromX: false }))].sort((a, b) => a.v - b.v);
  const groups: { x: number; y: number }[] = [];
  let last = NaN;
  for (const { v, fromX } of tagged) {
    if (v !== last || groups.length === 0) groups.push({ x: 0, y: 0 });
    const group = groups[groups.length - 1] as { x: number; y: number };
    if (fromX) group.x += 1;
    else group.y += 1;
    last = v;
  }
  return mannWhitneyUGrouped(groups, alternative);
}
