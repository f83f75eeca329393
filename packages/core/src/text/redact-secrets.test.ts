import { describe, expect, it } from '@jest/globals';
import { redactSecrets } from './redact-secrets';
import { truncate } from './truncate';

describe('redactSecrets', () => {
  it('replaces every occurrence and ignores values too short to be secrets', () => {
    expect(redactSecrets('token=abcdef and again abcdef', ['abcdef', 'ab'])).toBe('token=*** and again ***');
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['  spaces\n\nfolded  ', 20, 'spaces folded'],
    ['a'.repeat(20), 10, `${'a'.repeat(9)}…`],
  ])('%j to %i', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});
