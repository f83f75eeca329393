import { describe, expect, it } from '@jest/globals';
import { formatFigure } from './format-figure';

describe('formatFigure', () => {
  it.each([
    [0, '0 %'],
    [0.0001, '0.01 %'],
    [0.00035, '0.035 %'],
    [0.0102, '1.02 %'],
    [0.2, '20.00 %'],
  ])('percent(%p) = %p', (fraction, text) => expect(formatFigure.percent(fraction)).toBe(text));

  it.each([
    [0, '0'],
    [6000, '6,000'],
    [4_560_000, '4,560,000'],
    [1234.56, '1,234.6'],
  ])('count(%p) = %p', (n, text) => expect(formatFigure.count(n)).toBe(text));

  it.each([
    [Math.log(3.14), '3.1 to 1'],
    [Math.log(100), '100 to 1'],
    [Math.log(2345), '2,300 to 1'],
    [Math.log(2e6), 'over 1,000,000 to 1'],
    [Math.log(0.001), 'under 0.01 to 1'],
    [Infinity, 'over 1,000,000 to 1'],
    [-Infinity, 'under 0.01 to 1'],
  ])('odds(log e = %p) = %p', (logEvidence, text) => expect(formatFigure.odds(logEvidence)).toBe(text));

  it.each([
    [12.345, '12.3 ms'],
    [349.84, '350 ms'],
  ])('ms(%p) = %p', (v, text) => expect(formatFigure.ms(v)).toBe(text));
});
