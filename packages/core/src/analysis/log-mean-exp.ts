/** log((eᵃ + eᵇ) / 2) without overflow: the log of the average of two e-values given as logs. */
export function logMeanExp(a: number, b: number): number {
  const top = Math.max(a, b);
  if (top === -Infinity || top === Infinity) return top;
  return top + Math.log((Math.exp(a - top) + Math.exp(b - top)) / 2);
}
