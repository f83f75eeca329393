import { describe, expect, it } from '@jest/globals';
import { leadingLiterals } from './leading-literals';

describe('leadingLiterals', () => {
  it.each<[RegExp, string[] | undefined]>([
    [/\b(ghp_[A-Za-z0-9]{36})\b/g, ['ghp_']],
    [/\b((?:AKIA|ASIA)[A-Z2-7]{16})\b/g, ['akia', 'asia']],
    // An optional character, class or group ends the literal before it; a required one ends it after its first copy.
    [/rediss?:\/\//gi, ['redis']],
    [/api[_-]?key/gi, ['api']],
    [/mongodb(?:\+srv)?:/gi, ['mongodb']],
    [/ab+c/, ['ab']],
    [/a{2}b/, ['a']],
    [/(?:ab)+c/, ['ab']],
    // Assertions take no characters: the literal runs through them.
    [/^\bfoo(?=x)bar/m, ['foobar']],
    [/(?<=\()token(?!iz)=/i, ['token=']],
    // Groups multiply out; escaped punctuation is literal; named groups are groups.
    [/(?:a|b)(?:c|d)e/, ['ace', 'ade', 'bce', 'bde']],
    [/(?:x|)y/, ['xy', 'y']],
    [/(?<name>ab)c/, ['abc']],
    [/\(a\/b\.c/, ['(a/b.c']],
    [/-----BEGIN[ A-Z]{0,9}KEY-----/, ['-----begin']],
    // `[]` is a whole (empty) class in JavaScript, so the `|` after it separates alternatives.
    [new RegExp('x[]|y'), ['x', 'y']],
    // Undefined, "try everywhere": a match may start without a literal, or a literal needs Unicode case folding.
    [/a?b/, undefined],
    [/a|[b]/, undefined],
    [/.a/, undefined],
    [/\x41b/, undefined],
    [/\d+/, undefined],
    [/é/, undefined],
    [/k/iu, undefined],
    [/(?=a)*b/, undefined],
    [/]a/, undefined],
    [new RegExp('ab', 'v'), undefined],
  ])('%s → %j', (regex, expected) => {
    expect(leadingLiterals(regex)).toEqual(expected);
  });

  it('keeps literals short rather than multiplying them past a bound', () => {
    const literals = leadingLiterals(/(?:a|b|c|d)(?:e|f|g|h)(?:i|j|k|l)(?:m|n|o|p)x/)!;
    expect(literals).toHaveLength(64);
    expect(literals.every((literal) => literal.length === 3)).toBe(true);
  });
});
