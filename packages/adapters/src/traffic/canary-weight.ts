/**
 * Checks a canary weight before a router applies it and spells it as routers print it (no exponent, at most six
 * decimals). Out of 0–100 is a bug in the caller: the policy schema already bounds the stage weights.
 */
export function canaryWeight(weight: number): string {
  if (!Number.isFinite(weight) || weight < 0 || weight > 100) throw new RangeError(`a canary weight is a percentage from 0 to 100, not ${weight}`);
  return String(Number.parseFloat(weight.toFixed(6)));
}
