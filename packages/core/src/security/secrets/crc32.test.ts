import { describe, expect, it } from '@jest/globals';
import { crc32 } from './crc32';
import { base62Crc32, hasValidTokenChecksum } from './token-checksum';

describe('crc32', () => {
  it.each([
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('%j', (input, expected) => {
    expect(crc32(input)).toBe(expected);
  });
});

describe('base62Crc32', () => {
  it('encodes with 0-9A-Za-z and pads to six characters', () => {
    // crc32('123456789') = 0xcbf43926 = 3421780262, in base62 digits 3, 45, 35, 27, 22, 14.
    expect(base62Crc32('')).toBe('000000');
    expect(base62Crc32('123456789')).toBe('3jZRME');
  });

  it.each([
    ['abc', 3, true],
    ['abd', 3, false],
  ])('checks the payload after the prefix (%s)', (payload, prefixLength, valid) => {
    expect(hasValidTokenChecksum(`xyz${payload}${base62Crc32('abc')}`, prefixLength)).toBe(valid);
  });

  it('rejects a token too short to hold a checksum', () => {
    expect(hasValidTokenChecksum('abc', 3)).toBe(false);
  });
});
