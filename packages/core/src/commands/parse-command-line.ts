/** A command to run: an argument vector run directly, or a script that needs a shell. */
export type CommandLine = { kind: 'argv'; argv: [string, ...string[]]; text: string } | { kind: 'shell'; script: string; text: string };

const SHELL_SYNTAX = /[|&;<>()`*?[\]{}~\n]|\$/;

/**
 * Splits a command into arguments when it is a plain command, so it runs without a shell (no injection through
 * values); keeps it whole for a shell when it uses shell syntax (pipes, `&&`, redirects, `$VAR`, globs,
 * leading `NAME=value` assignments). Decides by quoting: syntax inside single quotes is literal.
 */
export function parseCommandLine(text: string): CommandLine | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '$' || char === '`') return { kind: 'shell', script: trimmed, text: trimmed };
      else if (char === '\\' && i + 1 < trimmed.length && '"\\$`'.includes(trimmed[i + 1] as string)) current += trimmed[++i];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < trimmed.length) {
      current += trimmed[++i];
      inWord = true;
    } else if (char === ' ' || char === '\t') {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
    } else if (SHELL_SYNTAX.test(char) || (char === '=' && argv.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(current))) {
      return { kind: 'shell', script: trimmed, text: trimmed };
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { kind: 'shell', script: trimmed, text: trimmed };
  if (inWord) argv.push(current);
  const [first, ...rest] = argv;
  return first === undefined ? undefined : { kind: 'argv', argv: [first, ...rest], text: trimmed };
}
