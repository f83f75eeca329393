import type { ScanSeverity } from '../sarif/scan-finding';
import type { SourceLanguage } from './source-language';

/** What a rule sees: the file, its language, the text with comments (and for most rules strings) masked out. */
export interface PatternContext {
  path: string;
  language: SourceLanguage;
  text: string;
  /** Comments blanked; string contents blanked too (quotes kept). */
  code: string;
  /** Comments blanked, strings kept (for rules that look inside strings: shell arguments, SQL in migrations). */
  codeWithStrings: string;
}

/** A match: where it starts in the text and how long it is. */
export interface PatternMatch {
  index: number;
  length: number;
}

/** A dangerous-pattern rule: which languages, how bad, why, how to fix, and how to find it. */
export interface PatternRule {
  id: string;
  languages: readonly SourceLanguage[];
  severity: ScanSeverity;
  description: string;
  /** Why it is dangerous and what to do instead (the finding's message). */
  message: string;
  find(ctx: PatternContext): PatternMatch[];
}

/** Every match of `pattern` (global) in `text`. */
function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))];
}

/** The argument list of a call whose `(` is at `open` in masked code: up to the matching `)` (or the end). */
function argumentsAt(code: string, open: number): { text: string; end: number } {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return { text: code.slice(open + 1, i), end: i };
    }
  }
  return { text: code.slice(open + 1), end: code.length };
}

/**
 * Whether a masked argument list holds only plain string literals (`'…'`, `"…"`, a template without `${`), so
 * nothing from outside can reach the call. `original` is the same span unmasked, to look for interpolation.
 */
function onlyLiterals(masked: string, original: string): boolean {
  if (masked.trim() === '') return true;
  if (!/^\s*(?:([rbuRBU]{0,2})(['"`])\s*\2\s*,?\s*)+$/.test(masked)) return false;
  if (/\$\{/.test(original.replace(/\\\$/g, ''))) return false;
  // Python f-strings are literals with holes.
  return !/(^|[\s,(])[fF][rR]?['"]/.test(masked) && !/(^|[\s,(])[rR][fF]['"]/.test(masked);
}

/** Calls named by `callee` (a regex source matched in masked code) whose arguments are not only literals. */
function dynamicCalls(ctx: PatternContext, callee: string, flags = ''): PatternMatch[] {
  return matchesOf(ctx.code, new RegExp(`${callee}\\s*\\(`, flags)).flatMap((m) => {
    const open = m.index + m[0].length - 1;
    const args = argumentsAt(ctx.code, open);
    const original = ctx.text.slice(open + 1, args.end);
    return onlyLiterals(args.text, original) ? [] : [{ index: m.index, length: args.end + 1 - m.index }];
  });
}

const RM_RF = /\brm\s+(?:-[a-zA-Z]*(?:r[a-zA-Z]*f|f[a-zA-Z]*r)[a-zA-Z]*|-[rR]\s+-f|-f\s+-[rR]|--recursive\s+--force|--force\s+--recursive)\b([^;&|\n]*)/;

/** `rm -rf` whose target comes from a variable or command substitution without the `${VAR:?}` guard. */
function unguardedRemovals(text: string): PatternMatch[] {
  return matchesOf(text, RM_RF).flatMap((m) => {
    const args = m[1] ?? '';
    const refs = [...args.matchAll(/\$(\{)?([A-Za-z_][A-Za-z0-9_]*|\()(:?\?)?/g)];
    const unguarded = refs.some((r) => r[2] === '(' || !r[3]);
    return unguarded ? [{ index: m.index, length: m[0].trimEnd().length }] : [];
  });
}

/** The spans of shell that a Dockerfile (RUN, with continuations) or a workflow (`run:` values and blocks) executes. */
export function shellSpans(ctx: Pick<PatternContext, 'language' | 'codeWithStrings'>): { start: number; text: string }[] {
  const text = ctx.codeWithStrings;
  if (ctx.language === 'shell') return [{ start: 0, text }];
  const spans: { start: number; text: string }[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const startOfLine = offset;
    offset += line.length + 1;
    if (ctx.language === 'dockerfile') {
      if (!/^\s*RUN\b/i.test(line)) continue;
      let end = i;
      while (/\\\s*$/.test(lines[end] ?? '') && end + 1 < lines.length) end++;
      const body = lines.slice(i, end + 1).join('\n');
      spans.push({ start: startOfLine, text: body });
    } else if (ctx.language === 'workflow') {
      const run = /^(\s*)(?:-\s+)?run:\s*(.*)$/.exec(line);
      if (!run) continue;
      const indent = (run[1] ?? '').length;
      const value = run[2] ?? '';
      if (/^[|>][-+]?\s*$/.test(value)) {
        let end = i + 1;
        let body = '';
        let bodyStart = offset;
        for (; end < lines.length; end++) {
          const next = lines[end] ?? '';
          if (next.trim() !== '' && (next.length - next.trimStart().length) <= indent) break;
          body += `${next}\n`;
        }
        if (end === i + 1) bodyStart = offset;
        spans.push({ start: bodyStart, text: body });
      } else {
        spans.push({ start: startOfLine + line.indexOf(value), text: value });
      }
    }
  }
  return spans;
}

const MIGRATION_PATH = /(^|\/)(migrations?|migrate|alembic|flyway|liquibase|db\/changelog)(\/|$)|migration[^/]*$/i;
const UNTRUSTED_CONTEXT = /\$\{\{[^}]*\b(github\.event\.[A-Za-z0-9_.*[\]'"-]+|github\.head_ref)\b[^}]*\}\}/;

/** The dangerous-pattern rules (seed 000: `rm -rf`, `DROP TABLE`, `eval()`, `subprocess.call()`), context-aware. */
export const PATTERN_RULES: readonly PatternRule[] = [
  {
    id: 'shell-rm-rf-variable',
    languages: ['shell', 'dockerfile', 'workflow'],
    severity: 'high',
    description: '`rm -rf` of a path built from an unguarded variable',
    message: '`rm -rf` on a path built from a variable deletes the wrong tree when the variable is empty or unset (`rm -rf "$DIR/"` becomes `rm -rf /`). Guard it: `rm -rf "${DIR:?}/…"`, or check the path first.',
    find: (ctx) => shellSpans(ctx).flatMap((span) => unguardedRemovals(span.text).map((m) => ({ index: span.start + m.index, length: m.length }))),
  },
  {
    id: 'sql-destructive-migration',
    languages: ['sql', 'js', 'python', 'go'],
    severity: 'high',
    description: '`DROP TABLE` / `TRUNCATE` in a migration',
    message: 'A migration that drops or truncates a table destroys data that a rollback cannot bring back. Rename or archive instead, take a backup first, and ship the destructive step separately once nothing reads the table.',
    find: (ctx) => {
      if (!MIGRATION_PATH.test(ctx.path) && ctx.language !== 'sql') return [];
      // In .sql files, statements are code: strings and comments are masked. In code migrations the SQL sits in strings.
      const text = ctx.language === 'sql' ? ctx.code : ctx.codeWithStrings;
      if (ctx.language !== 'sql' && !MIGRATION_PATH.test(ctx.path)) return [];
      return matchesOf(text, /\b(DROP\s+(?:TABLE|DATABASE|SCHEMA)|TRUNCATE(?:\s+TABLE)?)\b(?!\s+IF\s+NOT)/i).map((m) => ({ index: m.index, length: m[0].length }));
    },
  },
  {
    id: 'js-eval',
    languages: ['js'],
    severity: 'high',
    description: '`eval` / `new Function` of a non-literal',
    message: 'Evaluating a string built at run time runs whatever reaches it as code. Parse the data instead (JSON.parse, a lookup table), or keep the code static.',
    find: (ctx) => [...dynamicCalls(ctx, '(?<![.\\w$])eval'), ...dynamicCalls(ctx, '\\bnew\\s+Function')],
  },
  {
    id: 'js-child-process-exec',
    languages: ['js'],
    severity: 'high',
    description: '`child_process.exec` with a template or concatenation',
    message: '`exec` runs its string through a shell, so interpolated values become shell syntax (command injection). Use `execFile`/`spawn` with an argument array.',
    find: (ctx) => {
      if (!/(['"])(node:)?child_process\1/.test(ctx.text)) return [];
      return matchesOf(ctx.code, /(?:(?<![.\w$])|\b(?:child_process|childProcess|cp)\.)(exec|execSync)\s*\(/).flatMap((m) => {
        const open = m.index + m[0].length - 1;
        const args = argumentsAt(ctx.code, open);
        const first = args.text.split(',')[0] ?? '';
        const firstOriginal = ctx.text.slice(open + 1, open + 1 + first.length);
        const dynamic = /`/.test(first) ? /\$\{/.test(firstOriginal) : /\+/.test(first);
        return dynamic ? [{ index: m.index, length: args.end + 1 - m.index }] : [];
      });
    },
  },
  {
    id: 'py-subprocess-shell',
    languages: ['python'],
    severity: 'high',
    description: '`subprocess` with `shell=True`',
    message: '`shell=True` hands the command to a shell, so any value in it becomes shell syntax (command injection). Pass an argument list without `shell=True`.',
    find: (ctx) =>
      matchesOf(ctx.code, /\bsubprocess\.(?:call|run|Popen|check_call|check_output|getoutput|getstatusoutput)\s*\(/).flatMap((m) => {
        const args = argumentsAt(ctx.code, m.index + m[0].length - 1);
        return /\bshell\s*=\s*True\b/.test(args.text) || /getoutput|getstatusoutput/.test(m[0]) ? [{ index: m.index, length: args.end + 1 - m.index }] : [];
      }),
  },
  {
    id: 'py-os-system',
    languages: ['python'],
    severity: 'high',
    description: '`os.system` / `os.popen` of a non-literal',
    message: '`os.system` runs its string through a shell; a value built into it becomes shell syntax. Use `subprocess.run([...])` with an argument list.',
    find: (ctx) => dynamicCalls(ctx, '\\bos\\.(?:system|popen)'),
  },
  {
    id: 'py-eval',
    languages: ['python'],
    severity: 'high',
    description: '`eval` / `exec` of a non-literal',
    message: 'Evaluating a string built at run time runs whatever reaches it as code. Use `ast.literal_eval` for data, or keep the code static.',
    find: (ctx) => dynamicCalls(ctx, '(?<![.\\w])(?:eval|exec)'),
  },
  {
    id: 'go-shell-command',
    languages: ['go'],
    severity: 'high',
    description: '`exec.Command("sh", "-c", …)` with a non-literal script',
    message: 'Running a built string through `sh -c` turns its values into shell syntax (command injection). Call the program directly: `exec.Command("git", "log", ref)`.',
    find: (ctx) =>
      matchesOf(ctx.codeWithStrings, /\bexec\.Command(?:Context)?\s*\((?:[^,()]+,\s*)?"(?:ba|z|da)?sh"\s*,\s*"-c"\s*,\s*([^)]*)\)/).flatMap((m) => (/^\s*"[^"]*"\s*$/.test(m[1] ?? '') ? [] : [{ index: m.index, length: m[0].length }])),
  },
  {
    id: 'workflow-expression-injection',
    languages: ['workflow'],
    severity: 'high',
    description: '`${{ github.event.* }}` expanded inside a `run:` script',
    message: 'Expressions in `run:` are pasted into the script before it runs, so a crafted issue title, branch name or commit message becomes shell code. Pass the value through `env:` and use "$VAR" in the script.',
    find: (ctx) => shellSpans({ language: ctx.language, codeWithStrings: ctx.text }).flatMap((span) => matchesOf(span.text, UNTRUSTED_CONTEXT).map((m) => ({ index: span.start + m.index, length: m[0].length }))),
  },
];
