import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { sha256 } from './sha256';

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('matches the FIPS 180-2 vector for %j', (input, expected) => {
    expect(sha256(input)).toBe(expected);
  });

  it.each([55, 56, 63, 64, 65, 1000])('agrees with node:crypto across the padding boundary (%i bytes, with non-ASCII)', (length) => {
    const input = 'é'.repeat(3) + 'x'.repeat(length);
    expect(sha256(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
  });
});
