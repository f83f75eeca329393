import { describe, expect, it } from '@jest/globals';
import { compileKeywordPrefilter } from './keyword-prefilter';
import { seededRandom } from './secret-fixtures.test-support';
import { shannonEntropy } from './shannon-entropy';

/** What the automaton must agree with: fold ASCII A–Z only, then look for each keyword. */
const naivePresent = (keywords: readonly string[], text: string): string[] => {
  const folded = text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  return [...new Set(keywords.map((k) => k.toLowerCase()))].filter((k) => k.length > 0 && folded.includes(k)).sort();
};

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

  it.each([
    // Only ASCII folds: a keyword's other letters match themselves, in either direction.
    [['clé'], 'CLÉ clé', ['clé']],
    [['clé'], 'CLÉ', []],
    [['İd'], 'i̇d', ['i̇d']],
    [['k'], '\u212a', []],
    // A keyword beyond the BMP (a surrogate pair), and NUL and DEL, which are ordinary code units.
    [['🔑key'], 'a 🔑KEY', ['🔑key']],
    [['a\u0000b', 'x\u007f'], 'A\u0000B X\u007f', ['a\u0000b', 'x\u007f']],
  ])('%j in %j', (keywords, text, expected) => {
    expect([...compileKeywordPrefilter(keywords).findPresent(text)].sort()).toEqual(expected);
  });

  it('agrees with lower-casing ASCII and searching, on random keywords and texts', () => {
    const random = seededRandom(11);
    const alphabet = ['a', 'b', 'A', 'B', '_', '-', 'é', 'É', '\n', '🔑'];
    const pick = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
    for (let round = 0; round < 300; round++) {
      const keywords = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(1 + Math.floor(random() * 4)));
      const prefilter = compileKeywordPrefilter(keywords);
      for (let i = 0; i < 10; i++) {
        const text = pick(Math.floor(random() * 60));
        expect([...prefilter.findPresent(text)].sort()).toEqual(naivePresent(keywords, text));
      }
    }
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
