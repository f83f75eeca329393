import { describe, expect, it } from '@jest/globals';
import { retryAfterSeconds } from './request-json';

describe('retryAfterSeconds', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 12:00:30 GMT', 30],
    ['Thu, 01 Jan 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j seconds', (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });
});
