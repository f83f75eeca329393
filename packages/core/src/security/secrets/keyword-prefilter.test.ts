import { describe, expect, it } from '@jest/globals';
import { compileKeywordPrefilter } from './keyword-prefilter';
import { shannonEntropy } from './shannon-entropy';

describe('compileKeywordPrefilter', () => {
  const prefilter = compileKeywordPrefilter(['he', 'she', 'his', 'hers', 'ghp_', 'private key-----']);
  it.each([
    ['ushers', ['he', 'hers', 'she']],
    ['USHERS', ['he', 'hers', 'she']],
    ['this', ['his']],
    // A key header assembled at run time: no committed line looks like a private key.
    [['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '), ['private key-----']],
    ['token GHP_x', ['ghp_']],
    ['nothing to see', []],
    ['', []],
    ['ünïcödé shé', []],
  ])('%j', (text, expected) => {
    expect([...prefilter.findPresent(text)].sort()).toEqual(expected);
  });

  it('deduplicates and lower-cases its keywords, and finds nothing with none', () => {
    expect(compileKeywordPrefilter(['A', 'a', '']).keywords).toEqual(['a']);
    expect([...compileKeywordPrefilter([]).findPresent('anything')]).toEqual([]);
  });
});

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['0123456789abcdef', 4],
  ])('%j has %d bits per character', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });
});
