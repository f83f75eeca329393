import { describe, expect, it } from '@jest/globals';
import { anchoredMatches } from './anchored-matches';
import { compileKeywordPrefilter } from './keyword-prefilter';
import { leadingLiterals } from './leading-literals';
import { SECRET_RULES } from './rules';
import { secretFixtures, seededRandom } from './secret-fixtures.test-support';

/** Where and what each match is, as the scan reads them. */
const spans = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => [m.index, ...m.slice(0)]);

/** `regex` (global) run as the scan runs an anchorable rule: the prefilter records its literals, the sticky regex tries them. */
function anchoredScanner(regex: RegExp) {
  const anchors = leadingLiterals(regex)!;
  const prefilter = compileKeywordPrefilter(anchors);
  const sticky = new RegExp(regex.source, `${regex.flags}y`);
  return (text: string) => {
    const starts = new Map<string, number[]>();
    prefilter.findPresent(text, starts);
    return anchoredMatches(text, sticky, anchors, starts);
  };
}

describe('anchoredMatches', () => {
  it.each([
    ['overlapping candidates: the second starts inside the first match', /ab+a/g, 'abbabba abba'],
    ['case-insensitive anchors', /token=\w+/gi, 'TOKEN=a Token=b token='],
    ['an anchor that fails before one that matches', /secret:\d+/g, 'secret:x secret:12'],
    ['nothing to find', /ghp_\w+/g, 'nothing here'],
  ])('%s', (_name, regex, text) => {
    expect(spans(anchoredScanner(regex)(text))).toEqual(spans(text.matchAll(regex)));
  });

  it('finds what matchAll finds for every anchorable built-in rule, on random mixtures of fixtures and look-alikes', () => {
    const random = seededRandom(5);
    const pieces = [...secretFixtures(1), ...secretFixtures(2)].flatMap((f) => [f.text, f.secret]);
    const noise = ['password', 'TOKEN=', 'api-key: ', 'sk', 'eyJ', 'postgres://', 'redis://:', '"', "'", '=', ' ', '\n', '--password=', ';Pwd=', '?secret=', '&', 'define(', ', ', 'aB0+/xYz9_-', '#'];
    const pick = () => {
      const piece = random() < 0.4 ? pieces[Math.floor(random() * pieces.length)]! : noise[Math.floor(random() * noise.length)]!;
      return random() < 0.2 ? piece.toUpperCase() : random() < 0.1 ? piece.slice(Math.floor(random() * piece.length)) : piece;
    };
    const texts = Array.from({ length: 1500 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, pick).join(''));
    const rules = SECRET_RULES.filter((rule) => leadingLiterals(rule.regex) !== undefined);
    expect(rules.length).toBeGreaterThan(SECRET_RULES.length / 2);
    const differing = rules.flatMap((rule) => {
      const regex = new RegExp(rule.regex.source, `${rule.regex.flags.replace('g', '')}g`);
      const scan = anchoredScanner(regex);
      return texts.filter((text) => JSON.stringify(spans(scan(text))) !== JSON.stringify(spans(text.matchAll(regex)))).map((text) => `${rule.id}: ${JSON.stringify(text)}`);
    });
    expect(differing).toEqual([]);
  });
});
