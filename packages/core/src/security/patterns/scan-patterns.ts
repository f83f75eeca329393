import { sha256 } from '../../text/sha256';
import type { ScanFinding } from '../sarif/scan-finding';
import { maskSource } from './mask-source';
import { PATTERN_RULES, type PatternContext, type PatternRule } from './pattern-rules';
import { detectLanguage, type SourceLanguage } from './source-language';

const ALLOW = /safe-deploy:allow(?:\s+([\w:-]+(?:\s*,\s*[\w:-]+)*))?/;

/**
 * Finds the dangerous patterns in one file. Decides by the file's language (from its path or shebang; files of no
 * known language are skipped), code with comments and — for most rules — strings masked out, an inline
 * `safe-deploy:allow [rule-id]` comment on the line, `disabledRules`, and `lineFilter` (diff mode: added lines
 * only). The fingerprint hashes rule, path and the matched code (whitespace-normalised), not the line number, so a
 * baselined finding stays baselined when lines move.
 */
export function scanPatterns(text: string, options: { path: string; disabledRules?: readonly string[]; lineFilter?: (line: number) => boolean; rules?: readonly PatternRule[] }): ScanFinding[] {
  const language = detectLanguage(options.path, text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')));
  if (!language) return [];
  const rules = (options.rules ?? PATTERN_RULES).filter((rule) => rule.languages.includes(language) && !options.disabledRules?.includes(rule.id));
  if (rules.length === 0) return [];
  const context = lazyContext(options.path, language, text);
  let lineStarts: number[] | undefined;
  const findings: ScanFinding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const match of rule.find(context)) {
      lineStarts ??= lineStartsOf(text);
      const line = lineOf(lineStarts, match.index);
      if (options.lineFilter && !options.lineFilter(line)) continue;
      const lineText = text.slice(lineStarts[line - 1], (lineStarts[line] ?? text.length + 1) - 1);
      const allow = ALLOW.exec(lineText);
      if (allow && (!allow[1] || allow[1].split(/\s*,\s*/).includes(rule.id))) continue;
      const column = match.index - (lineStarts[line - 1] ?? 0) + 1;
      const key = `${rule.id}:${line}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const matched = text.slice(match.index, match.index + match.length).replace(/\s+/g, ' ').trim();
      findings.push({
        category: 'dangerous-pattern',
        ruleId: rule.id,
        severity: rule.severity,
        message: rule.message,
        path: options.path,
        line,
        column,
        endColumn: column + Math.min(match.length, lineText.length - column + 1),
        fingerprint: sha256(`${rule.id}:${options.path}:${matched}`),
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** The context rules see; the two masked texts are computed on first use, since most rules read one of them and many files none. */
function lazyContext(path: string, language: SourceLanguage, text: string): PatternContext {
  let code: string | undefined;
  let codeWithStrings: string | undefined;
  return {
    path,
    language,
    text,
    get code() {
      return (code ??= maskSource(text, language, { strings: true }));
    },
    get codeWithStrings() {
      return (codeWithStrings ??= maskSource(text, language, { strings: false }));
    },
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(lineStarts: number[], index: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
