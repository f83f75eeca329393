import { describe, expect, it } from '@jest/globals';
import { logMeanExp } from './log-mean-exp';

describe('logMeanExp', () => {
  it.each([
    [0, 0, 0],
    [Math.log(3), Math.log(5), Math.log(4)],
    [1000, 1000, 1000],
    [1000, -Infinity, 1000 - Math.log(2)],
    [-Infinity, -Infinity, -Infinity],
    [Infinity, 3, Infinity],
  ])('log((e^%p + e^%p) / 2) = %p, without overflow', (a, b, expected) => {
    expect(logMeanExp(a, b)).toBeCloseTo(expected, 12);
  });
});
