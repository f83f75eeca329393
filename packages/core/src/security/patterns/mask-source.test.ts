import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../secrets/secret-fixtures.test-support';
import { maskSource } from './mask-source';
import type { SourceLanguage } from './source-language';

describe('maskSource', () => {
  it.each<[string, SourceLanguage, boolean, string, string]>([
    ['a JS line comment', 'js', true, 'a(); // eval(x)\nb();', `a();${' '.repeat(11)}\nb();`],
    ['a JS block comment over lines, CR blanked too', 'js', true, 'a /* x\r\ny */ b', 'a      \n     b'],
    ['an unclosed block comment runs to the end', 'js', true, 'a /* x\ny', 'a     \n '],
    ['JS strings, quotes kept', 'js', true, `f("ab", 'c"d', \`e\${x}\`)`, `f("  ", '   ', \`     \`)`],
    ['JS strings kept when asked', 'js', false, `f("ab") // c`, `f("ab")     `],
    ['an escaped quote does not end a string', 'js', true, String.raw`"a\"b" + c`, '"    " + c'],
    ['an escaped backslash does', 'js', true, String.raw`"a\\" + c`, '"   " + c'],
    ['a one-line string ends at the newline', 'js', true, '"abc\nd"', '"   \nd"'],
    ['a template literal spans lines and has no escapes', 'js', true, '`a\\` + `b\nc` + d', '`  ` + ` \n ` + d'],
    ['comment openers inside a string are string', 'js', true, '"// x" + y', '"    " + y'],
    ['quotes inside a comment are comment', 'js', false, "// it's\nx", '       \nx'],
    ['an unclosed string runs to the end', 'js', true, 'x = "abc', 'x = "   '],
    ['a backslash ending the text', 'js', true, 'x = "a\\', 'x = "  '],
    ['code units, not code points: a surrogate pair is two spaces', 'js', true, '"🔑" x', '"  " x'],
    ['a Python hash comment', 'python', true, 'x = 1 # eval(y)\n', 'x = 1          \n'],
    ['a hash inside a word is not a comment', 'shell', true, 'echo a#b', 'echo a#b'],
    ['a hash after a semicolon or a non-ASCII space is', 'shell', true, 'a;# c\nb\u00a0# d', 'a;   \nb\u00a0   '],
    ['a hash at the very start is', 'dockerfile', true, '# c\nRUN x', '   \nRUN x'],
    ['Python triple quotes span lines', 'python', true, 'x = """a\n"b"\n""" + y', 'x = """ \n   \n""" + y'],
    ['Python single quotes do not', 'python', true, "x = 'a\nb'", "x = ' \nb'"],
    ['an empty Python string is not a triple quote', 'python', true, 'x = "" + "a"', 'x = "" + " "'],
    ['no backticks in Python', 'python', true, 'x = `a`', 'x = `a`'],
    ['SQL dash comments and block comments', 'sql', true, "DROP -- x\n/* y */ 'z'", "DROP     \n        ' '"],
    ['no double-quoted strings in SQL', 'sql', true, 'SELECT "a"', 'SELECT "a"'],
    ['no block comments in shell', 'shell', true, 'a /* b */', 'a /* b */'],
    ['Go raw strings have no escapes', 'go', true, 'x := `a\\`', 'x := `  `'],
    ['a workflow', 'workflow', true, "run: echo 'a' # b", "run: echo ' '    "],
    ['text without comments or strings comes back as is', 'js', true, 'a + b', 'a + b'],
    ['empty text', 'js', true, '', ''],
  ])('%s', (_name, language, strings, text, expected) => {
    expect(maskSource(text, language, { strings })).toBe(expected);
  });

  it('keeps length, newlines and every unmasked code unit, on random text in every language', () => {
    const random = seededRandom(3);
    const alphabet = ['/', '*', '#', "'", '"', '`', '\\', '\n', '\r', ';', ' ', '-', 'a', '(', '\u00a0', '🔑'];
    const languages: SourceLanguage[] = ['js', 'python', 'go', 'shell', 'sql', 'dockerfile', 'workflow'];
    const broken: string[] = [];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      for (const language of languages) {
        const code = maskSource(text, language, { strings: true });
        const withStrings = maskSource(text, language, { strings: false });
        const units = Array.from({ length: text.length }, (_, i) => i);
        const kept = (masked: string) => masked.length === text.length && units.every((i) => masked[i] === text[i] || (masked[i] === ' ' && text[i] !== '\n'));
        // Masking strings only adds spaces to what masking comments leaves.
        const narrower = units.every((i) => code[i] === withStrings[i] || code[i] === ' ');
        if (!kept(code) || !kept(withStrings) || !narrower) broken.push(`${language} ${JSON.stringify(text)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
