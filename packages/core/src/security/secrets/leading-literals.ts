/** At most this many literals per regex: past it, the literals found so far are kept shorter rather than multiplied. */
const MAX_LITERALS = 64;

/** A set of required prefixes; `open` ones may still grow with what follows them in the pattern. */
interface Prefixes {
  readonly done: string[];
  readonly open: string[];
}

/**
 * Lower-case literals one of which every match of `regex` starts with (ASCII-case-insensitively), or undefined when
 * the pattern does not say so plainly. Read from the pattern's source: leading assertions (`^`, `\b`, lookarounds) are
 * skipped, groups of alternatives are followed, and a literal ends at anything else (a class, an escape class, an
 * optional part, a quantifier). So a scan needs to try the regex only where one of these literals occurs, with the
 * regex anchored there (sticky), and finds exactly what a scan of the whole text finds.
 *
 * Undefined — "try everywhere" — whenever in doubt: a match may start with no literal, a literal holds a character
 * beyond ASCII, case-insensitive Unicode matching (`iu`) could match letters that ASCII folding does not, or the
 * pattern uses the `v` flag's nested classes.
 */
export function leadingLiterals(regex: RegExp): string[] | undefined {
  const ignoreCase = regex.flags.includes('i');
  // `v` classes nest (`[[a-z]--[aeiou]]`), which this reading does not follow.
  if (regex.flags.includes('v') || (ignoreCase && regex.flags.includes('u'))) return undefined;
  const parsed = parseAlternatives(regex.source, 0);
  if (!parsed || parsed.end !== regex.source.length) return undefined;
  const literals = [...parsed.prefixes.done, ...parsed.prefixes.open];
  if (literals.length === 0 || literals.some((literal) => literal.length === 0)) return undefined;
  // The prefilter lower-cases keywords and folds only ASCII in the text: a literal beyond ASCII might not be found.
  if (literals.some((literal) => /[^\0-\x7f]/.test(literal))) return undefined;
  return [...new Set(literals.map((literal) => literal.toLowerCase()))];
}

/** `a|b|…` from `at` up to an unmatched `)` or the end; every alternative must yield a prefix. */
function parseAlternatives(source: string, at: number): { prefixes: Prefixes; end: number } | undefined {
  const done: string[] = [];
  const open: string[] = [];
  let i = at;
  for (;;) {
    const alternative = parseSequence(source, i);
    if (!alternative) return undefined;
    done.push(...alternative.prefixes.done);
    open.push(...alternative.prefixes.open);
    i = alternative.end;
    if (source[i] !== '|') return { prefixes: { done, open }, end: i };
    i++;
  }
}

/** One alternative: its prefixes, and where it ends (at `|`, `)` or the end of the source). */
function parseSequence(source: string, at: number): { prefixes: Prefixes; end: number } | undefined {
  let prefixes: Prefixes = { done: [], open: [''] };
  let i = at;
  // Once a term ends every prefix, the rest of the alternative only needs skipping.
  while (i < source.length && source[i] !== '|' && source[i] !== ')') {
    const term = parseTerm(source, i);
    if (!term) return undefined;
    i = term.end;
    if (prefixes.open.length > 0) prefixes = append(prefixes, term.prefixes);
  }
  return { prefixes, end: i };
}

/** Every open prefix followed by every prefix of the next term (those of it still open stay open). */
function append(before: Prefixes, next: Prefixes): Prefixes {
  const count = before.open.length * (next.done.length + next.open.length);
  if (count > MAX_LITERALS) return { done: [...before.done, ...before.open], open: [] };
  return {
    done: [...before.done, ...before.open.flatMap((prefix) => next.done.map((more) => prefix + more))],
    open: before.open.flatMap((prefix) => next.open.map((more) => prefix + more)),
  };
}

const END: Prefixes = { done: [''], open: [] };
const NOTHING: Prefixes = { done: [], open: [''] };

/**
 * One term at `at`: what it adds to the prefixes before it and where it ends. Zero-width assertions add nothing and
 * keep prefixes open; a literal character adds itself; a group adds its alternatives' prefixes; anything else — and
 * anything made optional or repeated — ends them.
 */
function parseTerm(source: string, at: number): { prefixes: Prefixes; end: number } | undefined {
  const ch = source[at]!;
  if (ch === '^' || ch === '$') return { prefixes: NOTHING, end: at + 1 };
  if (ch === '\\') {
    const escaped = source[at + 1];
    if (escaped === undefined) return undefined;
    if (escaped === 'b' || escaped === 'B') return { prefixes: NOTHING, end: at + 2 };
    // Only escaped punctuation is a literal; `\d`, `\x41`, `\1`, `\k<…>`, `\cJ`… end the prefix (their length is skipped roughly, then checked below).
    if (/[A-Za-z0-9]/.test(escaped)) return skipAtom(source, at);
    return literal(source, escaped, at + 2);
  }
  if (ch === '[') return skipAtom(source, at);
  if (ch === '(') {
    const lookaround = /^\(\?<?[=!]/.exec(source.slice(at, at + 4));
    const bodyStart = lookaround ? at + lookaround[0].length : source.startsWith('(?:', at) ? at + 3 : source.startsWith('(?<', at) ? source.indexOf('>', at) + 1 : at + 1;
    if (bodyStart <= at) return undefined;
    const group = parseAlternatives(source, bodyStart);
    if (!group || source[group.end] !== ')') return undefined;
    const end = group.end + 1;
    const quantifier = quantifierAt(source, end);
    if (lookaround) return quantifier.length === 0 ? { prefixes: NOTHING, end } : undefined;
    if (quantifier.length === 0) return { prefixes: group.prefixes, end };
    const required = quantifier.min > 0 ? { done: [...group.prefixes.done, ...group.prefixes.open], open: [] } : END;
    return { prefixes: required, end: end + quantifier.length };
  }
  if ('.)|*+?{}]'.includes(ch)) return ch === '.' ? skipAtom(source, at) : undefined;
  return literal(source, ch, at + 1);
}

/** A literal character ending at `end`, and whatever quantifier follows it. */
function literal(source: string, ch: string, end: number): { prefixes: Prefixes; end: number } {
  const quantifier = quantifierAt(source, end);
  if (quantifier.length === 0) return { prefixes: { done: [], open: [ch] }, end };
  return { prefixes: quantifier.min > 0 ? { done: [ch], open: [] } : END, end: end + quantifier.length };
}

/** An atom that ends every prefix (a class, an escape class, `.`), with its quantifier; undefined when it cannot be delimited. */
function skipAtom(source: string, at: number): { prefixes: Prefixes; end: number } | undefined {
  let end: number;
  if (source[at] === '[') {
    end = at + 1;
    // In JavaScript `[]` and `[^]` are complete classes: a `]` right after the opening always closes it.
    if (source[end] === '^') end++;
    while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
    if (end >= source.length) return undefined;
    end++;
  } else if (source[at] === '\\') {
    const escape = /^\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]+\}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|[A-Za-z])/.exec(source.slice(at, at + 16));
    if (!escape) return undefined;
    end = at + escape[0].length;
  } else {
    end = at + 1;
  }
  return { prefixes: END, end: end + quantifierAt(source, end).length };
}

/** The quantifier at `at` (`?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy): its length and minimum; length 0 when none. */
function quantifierAt(source: string, at: number): { length: number; min: number } {
  const match = /^(?:([?*+])|\{(\d+)(?:,\d*)?\})\??/.exec(source.slice(at, at + 24));
  if (!match) return { length: 0, min: 1 };
  const min = match[1] === '+' ? 1 : match[1] !== undefined ? 0 : Number(match[2]);
  return { length: match[0].length, min };
}
