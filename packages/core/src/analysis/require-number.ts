/** The bounds a number must respect; exclusive bounds are for parameters like alpha that cannot be 0 or 1. */
export interface NumberRule {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

/**
 * Returns `value` when it is a finite number within the rule, and throws a RangeError naming the field otherwise:
 * impossible input (NaN, Infinity, negative counts) is a caller's bug, never a judgement. `field` may be a
 * function, so that hot loops only build the name when something is wrong.
 */
export function requireNumber(value: number, field: string | (() => string), rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
  if (ok) return value;
  const name = typeof field === 'function' ? field() : field;
  const why =
    typeof value !== 'number' || !Number.isFinite(value)
      ? 'must be a finite number'
      : rule.integer && !Number.isInteger(value)
        ? 'must be an integer'
        : rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)
          ? `must be ${rule.minExclusive ? 'greater than' : 'at least'} ${rule.min}`
          : `must be ${rule.maxExclusive ? 'less than' : 'at most'} ${rule.max}`;
  throw new RangeError(`${name} ${why} (got ${String(value)})`);
}
