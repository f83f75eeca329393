import type { SourceLanguage } from './source-language';

const NEWLINE = 10;
const BACKSLASH = 92;
const BACKTICK = 96;
const SLASH = 47;
const STAR = 42;
const SEMICOLON = 59;

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator): a `#` after one of these, or `;`, starts a comment. */
function isSpaceOrSemicolon(code: number): boolean {
  if (code === SEMICOLON || code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The quote characters that open a string in each language family. */
const QUOTES: Record<SourceLanguage, string> = { js: `"'\``, go: `"'\``, python: `"'`, shell: `"'`, dockerfile: `"'`, workflow: `"'`, sql: "'" };

/** How one language family writes comments and strings. */
interface Lexer {
  readonly lineComment: string;
  readonly lineCommentStart: number;
  readonly hashComments: boolean;
  readonly blockComments: boolean;
  readonly python: boolean;
  /** Finds the next character that can open a comment or a string (global: set `lastIndex` first). */
  readonly next: RegExp;
}

const lexers = new Map<SourceLanguage, Lexer>();

function lexerFor(language: SourceLanguage): Lexer {
  let lexer = lexers.get(language);
  if (!lexer) {
    const hashComments = language === 'python' || language === 'shell' || language === 'dockerfile' || language === 'workflow';
    const lineComment = hashComments ? '#' : language === 'sql' ? '--' : '//';
    const blockComments = language === 'js' || language === 'go' || language === 'sql';
    const openers = new Set([lineComment[0]!, ...(blockComments ? ['/'] : []), ...QUOTES[language]]);
    lexer = {
      lineComment,
      lineCommentStart: lineComment.charCodeAt(0),
      hashComments,
      blockComments,
      python: language === 'python',
      next: new RegExp(`[${[...openers].map((ch) => `\\${ch}`).join('')}]`, 'g'),
    };
    lexers.set(language, lexer);
  }
  return lexer;
}

const SPACES = ' '.repeat(1024);
const spaceRun = (length: number): string => (length <= SPACES.length ? SPACES.slice(0, length) : ' '.repeat(length));

/** `text[from, to)` with every code unit but `\n` replaced by a space. */
function blanked(text: string, from: number, to: number): string {
  let out = '';
  let start = from;
  for (let at = from; at < to; at++) {
    if (text.charCodeAt(at) !== NEWLINE) continue;
    out += `${spaceRun(at - start)}\n`;
    start = at + 1;
  }
  return out + spaceRun(to - start);
}

/**
 * The text with comments — and, where `strings` says so, string contents — replaced by spaces, newlines and
 * offsets kept, so a rule's regex finds code only (`eval` in a comment or a string is not a call). Quote characters
 * stay, so a rule can still see that an argument is a literal. A small lexer per language family, not a parser:
 * good enough to tell code from comments and strings, which is all the pattern rules ask of it.
 *
 * It reads code units and copies the untouched stretches as slices, so a multi-megabyte file costs one pass and
 * a few string pieces, not an array of one-character strings.
 */
export function maskSource(text: string, language: SourceLanguage, options: { strings: boolean }): string {
  const length = text.length;
  const lexer = lexerFor(language);
  const pieces: string[] = [];
  // Everything before `copied` is in `pieces`.
  let copied = 0;
  const blank = (from: number, to: number): void => {
    const end = Math.min(to, length);
    if (end <= from) return;
    pieces.push(text.slice(copied, from), blanked(text, from, end));
    copied = end;
  };

  const { next } = lexer;
  let i = 0;
  while (i < length) {
    // Jump to the next character that can open a comment or a string: most of a file is neither.
    next.lastIndex = i;
    if (!next.test(text)) break;
    i = next.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (code === lexer.lineCommentStart && (lexer.hashComments ? i === 0 || isSpaceOrSemicolon(text.charCodeAt(i - 1)) : text.startsWith(lexer.lineComment, i))) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? length : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (lexer.blockComments && code === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? length : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (code === lexer.lineCommentStart || code === SLASH) {
      // An opener that opens nothing here: a division, a lone `-`, a `#` inside a word.
      i++;
      continue;
    }
    const triple = lexer.python && text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === code;
    const closeLength = triple ? 3 : 1;
    const end = stringEnd(text, i + closeLength, code, triple);
    if (options.strings) blank(i + closeLength, end);
    i = end + closeLength;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * Where the string whose body starts at `from` ends: its closing quote, the newline that ends an unclosed one-line
 * string, or past the end of the text. A backslash skips the next character except in template literals.
 */
function stringEnd(text: string, from: number, quote: number, triple: boolean): number {
  if (quote === BACKTICK) {
    const end = text.indexOf('`', from);
    return end === -1 ? text.length : end;
  }
  // Most strings are short: a loop over code units beats a regex call per string.
  const length = text.length;
  for (let j = from; j < length; j++) {
    const at = text.charCodeAt(j);
    if (at === BACKSLASH) j++;
    else if (at === NEWLINE && !triple) return j;
    else if (at === quote && (!triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote))) return j;
  }
  return length;
}
