import type { SourceLanguage } from './source-language';

/**
 * The text with comments — and, where `strings` says so, string contents — replaced by spaces, newlines and
 * offsets kept, so a rule's regex finds code only (`eval` in a comment or a string is not a call). Quote characters
 * stay, so a rule can still see that an argument is a literal. A small lexer per language family, not a parser:
 * good enough to tell code from comments and strings, which is all the pattern rules ask of it.
 */
export function maskSource(text: string, language: SourceLanguage, options: { strings: boolean }): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  const lineComment = language === 'python' || language === 'shell' || language === 'dockerfile' || language === 'workflow' ? '#' : language === 'sql' ? '--' : '//';
  const blockComments = language === 'js' || language === 'go' || language === 'sql';
  const quotes = language === 'js' ? ['"', "'", '`'] : language === 'go' ? ['"', "'", '`'] : language === 'python' ? ['"', "'"] : language === 'sql' ? ["'"] : ['"', "'"];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (text.startsWith(lineComment, i) && (lineComment !== '#' || i === 0 || /[\s;]/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      blank(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (blockComments && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (quotes.includes(c)) {
      const triple = language === 'python' && text.startsWith(c.repeat(3), i) ? c.repeat(3) : undefined;
      const close = triple ?? c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\\' && c !== '`') j++;
        else if (text[j] === '\n' && !triple && c !== '`') break;
        j++;
      }
      if (options.strings) blank(i + close.length, Math.min(j, text.length));
      i = j + close.length;
      continue;
    }
    i++;
  }
  return out.join('');
}
