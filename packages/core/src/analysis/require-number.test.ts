import { describe, expect, it } from '@jest/globals';
import { requireNumber, type NumberRule } from './require-number';

describe('requireNumber', () => {
  it.each([
    [0, {}],
    [0.5, { min: 0, max: 1, minExclusive: true, maxExclusive: true }],
    [1, { min: 1, integer: true }],
  ] as [number, NumberRule][])('returns %p when it keeps %j', (value, rule) => {
    expect(requireNumber(value, 'x', rule)).toBe(value);
  });

  it.each([
    [NaN, {}, 'x must be a finite number (got NaN)'],
    [Infinity, {}, 'x must be a finite number (got Infinity)'],
    [-1, { min: 0 }, 'x must be at least 0 (got -1)'],
    [0, { min: 0, minExclusive: true }, 'x must be greater than 0 (got 0)'],
    [2, { max: 1 }, 'x must be at most 1 (got 2)'],
    [1, { max: 1, maxExclusive: true }, 'x must be less than 1 (got 1)'],
    [1.5, { integer: true }, 'x must be an integer (got 1.5)'],
  ] as [number, NumberRule, string][])('throws for %p under %j', (value, rule, message) => {
    expect(() => requireNumber(value, 'x', rule)).toThrow(new RangeError(message));
  });

  it('builds a lazy field name only when the value is wrong', () => {
    let built = 0;
    const name = () => {
      built += 1;
      return 'lazy';
    };
    requireNumber(3, name, { min: 0 });
    expect(built).toBe(0);
    expect(() => requireNumber(-3, name, { min: 0 })).toThrow('lazy must be at least 0 (got -3)');
    expect(built).toBe(1);
  });
});
