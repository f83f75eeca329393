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

/**
 * Calls named by `callee` (a regex source matched in masked code) whose arguments are not only literals. Declarations
 * of a function or method of that name (`function eval(`, `def eval(`, `Function(p) {`) are not calls, nor is a
 * regex group left unmasked (`Function(?:Expression)`).
 */
function dynamicCalls(ctx: PatternContext, callee: string, flags = ''): PatternMatch[] {
  return matchesOf(ctx.code, new RegExp(`${callee}\\s*\\(`, flags)).flatMap((m) => {
    const open = m.index + m[0].length - 1;
    if (/\b(?:function|def)\s+$/.test(ctx.code.slice(Math.max(0, m.index - 20), m.index)) || ctx.code.startsWith('?', open + 1)) return [];
    const args = argumentsAt(ctx.code, open);
    if (/^\s*(?::[^;{}()=]+)?\{/.test(ctx.code.slice(args.end + 1, args.end + 200))) return [];
    const original = ctx.text.slice(open + 1, args.end);
    return onlyLiterals(args.text, original) ? [] : [{ index: m.index, length: args.end + 1 - m.index }];
  });
}

// A module that declares or imports its own `Function` (a parser combinator, a schema builder) shadows the global one.
const SHADOWED_FUNCTION = /\b(?:function\*?|const|let|var|class)\s+Function\b|\bimport\s*\{[^}]*\bFunction\b[^}]*\}/;

// `rm` and its options (`-rf`, `-Rf`, `-fr`, `-r -f`, `-rfv`, `--recursive --force`…), then its operands up to the end of the command.
const RM = /\brm((?:[ \t]+-[A-Za-z]+|[ \t]+--[a-z][a-z-]*)+)([^;&|\n]*)/;
// `$VAR`, `${VAR}`, `${VAR:?…}`, positional `$1`/`${10}`, `$@`/`$*`, and `$(…)`.
const SHELL_REF = /\$(?:\{([A-Za-z_]\w*|\d+|[@*])(:?\?)?|([A-Za-z_]\w*|\d|[@*])|(\())/g;
// Words that only print their arguments: `rm -rf` inside their strings is text, not a command.
const PRINTING_COMMANDS = new Set(['echo', 'printf', ':']);

/** Whether `rm`'s options ask for a recursive, forced removal. */
function isRecursiveForce(options: string): boolean {
  const words = options.trim().split(/\s+/);
  const short = words.filter((w) => /^-[A-Za-z]+$/.test(w)).join('');
  return (/[rR]/.test(short) || words.includes('--recursive')) && (/f/.test(short) || words.includes('--force'));
}

/** Whether a test condition (`[ -n "$VAR" ]`, `[[ -d $VAR ]]`, `[ "$VAR" ]`) fails when `name` is empty. */
function testsNonEmpty(condition: string, name: string): boolean {
  const ref = `\\$(?:${name}|\\{${name}\\})`;
  // A negated test (`[ ! -d "$VAR" ]`) holds for an empty value.
  return new RegExp(`(?<!!\\s*)-[nde]\\s+(?:"${ref}"|${ref})(?=[\\s;\\]]|$)|\\[\\[?\\s+(?:"${ref}"|${ref})\\s+\\]`).test(condition);
}

/**
 * The conditions that hold where `at` is, from the `if`/`elif` blocks enclosing it (not their `else` branches) and a
 * `[ … ] &&` before it on its line. Keywords are read from `code` (strings masked), conditions from `withStrings`.
 */
function conditionsAt(code: string, withStrings: string, from: number, at: number): string[] {
  const keywords = [...code.slice(from, at).matchAll(/(?<![\w$.-])(if|elif|else|fi|then)(?![\w$.:-])/g)].map((m) => ({ word: m[1]!, index: from + m.index }));
  const conditions: string[] = [];
  let depth = 0;
  let inElse = false;
  for (let i = keywords.length - 1; i >= 0; i--) {
    const { word, index } = keywords[i]!;
    if (word === 'fi') depth++;
    else if (word === 'if' && depth > 0) depth--;
    else if (depth === 0 && word === 'else') inElse = true;
    else if (depth === 0 && (word === 'if' || word === 'elif')) {
      const then = keywords.slice(i + 1).find((k) => k.word === 'then');
      if (!inElse) conditions.push(withStrings.slice(index + word.length, then?.index ?? at));
      // In an `elif` branch the earlier conditions of the same `if` were false; past the `if`, the next level out starts.
      inElse = word === 'elif';
    }
  }
  const lineStart = withStrings.lastIndexOf('\n', at - 1) + 1;
  const before = withStrings.slice(lineStart, at);
  if (/&&\s*$/.test(before)) conditions.push(before);
  return conditions;
}

/** Whether the `rm` at `at` sits inside a string that a printing command (`echo`, `printf`) only prints. */
function insidePrintedString(code: string, withStrings: string, at: number): boolean {
  if (code[at] === withStrings[at]) return false;
  const quote = Math.max(code.lastIndexOf('"', at), code.lastIndexOf("'", at));
  const commandStart = Math.max(
    0,
    ...[';', '\n', '&&', '||', '|', '(', '`'].map((sep) => {
      const found = code.lastIndexOf(sep, quote - 1);
      return found < 0 ? 0 : found + sep.length;
    }),
  );
  const words = code.slice(commandStart, quote).trim().split(/\s+/);
  const command = ['then', 'do', 'else', 'sudo', 'command'].includes(words[0] ?? '') ? words[1] : words[0];
  return PRINTING_COMMANDS.has(command ?? '');
}

/**
 * `rm -rf` whose operands use a variable or command substitution that nothing guards. Decides by: recursive and forced
 * options, `${VAR:?}` guards, an enclosing `if [ -n "$VAR" ]` (or `-d`/`-e`) or `[ -n "$VAR" ] &&`, and strings only printed.
 */
function unguardedRemovals(ctx: Pick<PatternContext, 'code' | 'codeWithStrings'>, span: { start: number; text: string }): PatternMatch[] {
  return matchesOf(span.text, RM).flatMap((m) => {
    if (!isRecursiveForce(m[1] ?? '')) return [];
    const at = span.start + m.index;
    if (insidePrintedString(ctx.code, ctx.codeWithStrings, at)) return [];
    const unguarded = [...(m[2] ?? '').matchAll(SHELL_REF)].filter((r) => r[4] === '(' || r[3] !== undefined || (r[1] !== undefined && r[2] === undefined));
    if (unguarded.length === 0) return [];
    const conditions = conditionsAt(ctx.code, ctx.codeWithStrings, span.start, at);
    const checked = (r: RegExpExecArray | RegExpMatchArray): boolean => {
      const name = r[1] ?? r[3];
      return name !== undefined && /^\w+$/.test(name) && conditions.some((c) => testsNonEmpty(c, name));
    };
    return unguarded.every(checked) ? [] : [{ index: m.index, length: m[0].trimEnd().length }];
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

// Migrations: files under a `migrations`/`migration`/`migrate` (Rails' `db/migrate`), `alembic`, `flyway`, `liquibase` or
// `db/changelog` directory, or named as a migration tool names them (Flyway `V3__x.sql`/`U3__x.sql`/`R__x.sql`,
// golang-migrate `0001_x.up.sql`/`0001_x.down.sql`) or with `migration` in the name. Any other `.sql` (schema dumps,
// seeds, test fixtures) is not a migration.
const MIGRATION_PATH = /(?:^|\/)(?:migrations?|migrate|alembic|flyway|liquibase|db\/changelog)\/|(?:^|\/)(?:[VU]\d+(?:[._]\d+)*__[^/]*|R__[^/]*|\d+_[^/]*\.(?:up|down))\.sql$|migration[^/]*$/i;
// Files that only undo: golang-migrate `*.down.sql` (and `_down.sql`), Flyway undo `U3__x.sql`.
const DOWN_MIGRATION_FILE = /[._-]down\.sql$|(?:^|\/)U\d+(?:[._]\d+)*__[^/]*\.sql$/i;
// Where a section of a migration starts, and whether it is the undo direction, per language.
const SECTION_MARKERS: Partial<Record<SourceLanguage, { pattern: RegExp; isDown: (name: string) => boolean }>> = {
  // goose `-- +goose Down`, dbmate `-- migrate:down`, Play `-- !Downs`, MyBatis `-- //@UNDO`.
  sql: { pattern: /^[ \t]*--[ \t]*(?:\+goose[ \t]+(up|down)|migrate:(up|down)|!(ups|downs)|\/\/@(undo))\b/gim, isDown: (name) => /^(?:down|undo)/i.test(name) },
  // Top-level functions: alembic `downgrade()`, others `down()`/`rollback()`.
  python: { pattern: /^(?:async[ \t]+)?def[ \t]+(\w+)/gm, isDown: (name) => /^(?:downgrade|down|backwards|rollback)\w*$/.test(name) },
  // knex `exports.down =`, sequelize/TypeORM `async down(`, `down: …`, `function down(`, `const down =`.
  js: { pattern: /(?:\bexports\.|\bfunction[ \t]+|\basync[ \t]+|\b(?:const|let|var)[ \t]+|^[ \t]*|[{,][ \t]*)(up|down)[ \t]*(?=[:=(])/gm, isDown: (name) => name === 'down' },
  // goose `func Down(…)` / `func downAddUsers(…)`, methods included.
  go: { pattern: /\bfunc[ \t]+(?:\([^)]*\)[ \t]*)?(\w+)/g, isDown: (name) => /^[Dd]own(?:[A-Z0-9_]|grade|$)|^[Rr]ollback/.test(name) },
};
// Destructive calls of migration libraries, in code: alembic, Django, knex/sequelize/TypeORM, GORM.
const ORM_DROPS: Partial<Record<SourceLanguage, RegExp>> = {
  python: /\bop\.drop_table\s*\(|\bmigrations\.DeleteModel\s*\(/,
  js: /(?<=\.\s*)(?:dropTable(?:IfExists)?|dropAllTables|dropSchema(?:IfExists)?|dropDatabase)\s*\(/,
  go: /(?<=\.\s*)DropTable\s*\(/,
};
const SQL_DROP = /\b(DROP\s+(?:TABLE|DATABASE|SCHEMA)|TRUNCATE(?:\s+TABLE)?)\b(?!\s+IF\s+NOT)/i;

/** Whether `index` falls in an undo section of the migration (after a down marker, before the next up marker). */
function inDownSection(ctx: PatternContext, index: number): boolean {
  const markers = SECTION_MARKERS[ctx.language];
  if (!markers) return false;
  // SQL's markers are comments; the others are read from code, so a commented-out `def downgrade` does not count.
  const text = ctx.language === 'sql' ? ctx.text : ctx.code;
  let down = false;
  for (const m of matchesOf(text, markers.pattern)) {
    if (m.index > index) break;
    down = markers.isDown(m.slice(1).find((g) => g !== undefined) ?? '');
  }
  return down;
}

/** `withStrings` with Python docstrings (a string that is the first statement of a module, class or function) blanked: prose, not SQL to run. */
function withoutDocstrings(code: string, withStrings: string): string {
  let out = withStrings;
  for (const m of matchesOf(code, /("""|'''|"|')\s*?\1/)) {
    const start = m.index;
    const end = start + m[0].length;
    const lineStart = code.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = code.indexOf('\n', end);
    if (code.slice(lineStart, start).trim() !== '' || code.slice(end, lineEnd < 0 ? undefined : lineEnd).trim() !== '') continue;
    const previous = code.slice(0, lineStart).trimEnd();
    if (previous !== '' && !previous.endsWith(':')) continue;
    out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}

/** Destructive statements and calls in a migration's up direction. */
function destructiveMigrationSteps(ctx: PatternContext): PatternMatch[] {
  if (!MIGRATION_PATH.test(ctx.path) || DOWN_MIGRATION_FILE.test(ctx.path)) return [];
  // In .sql files, statements are code: strings and comments are masked. In code migrations the SQL sits in strings.
  const sqlText = ctx.language === 'sql' ? ctx.code : ctx.language === 'python' ? withoutDocstrings(ctx.code, ctx.codeWithStrings) : ctx.codeWithStrings;
  const drops = ORM_DROPS[ctx.language];
  const matches = [...matchesOf(sqlText, SQL_DROP), ...(drops ? matchesOf(ctx.code, drops) : [])];
  return matches.filter((m) => !inDownSection(ctx, m.index)).map((m) => ({ index: m.index, length: m[0].length }));
}

// Event fields GitHub fills with numbers, booleans, timestamps, commit SHAs or its own enums: nobody can put shell syntax in them.
const SAFE_EVENT_FIELDS = new Set([
  ...['number', 'id', 'node_id', 'size', 'run_id', 'run_number', 'run_attempt', 'check_suite_id', 'workflow_id'],
  ...['additions', 'deletions', 'changed_files', 'comments', 'review_comments', 'forks_count', 'stargazers_count'],
  ...['draft', 'merged', 'locked', 'fork', 'private', 'forced', 'created', 'deleted'],
  ...['sha', 'head_sha', 'merge_commit_sha', 'before', 'after', 'action', 'state', 'status', 'conclusion'],
]);
const EXPRESSION = /\$\{\{([^}]*)\}\}/;
const EVENT_REFERENCE = /\bgithub\.event\b(?:\.[\w-]+|\[[^\]]*\])*|\bgithub\.head_ref\b/g;

/**
 * Whether a `${{ … }}` reference can carry text someone outside the repository chose. Decides by: `github.head_ref`
 * (a branch name), `workflow_dispatch` inputs and `repository_dispatch` payloads (any text), and the last field of any
 * other `github.event` path: known-safe fields and `*_at` timestamps are safe; anything else (titles, bodies, refs,
 * messages, names, the whole event) is not.
 */
function isUntrustedReference(reference: string): boolean {
  if (reference === 'github.head_ref') return true;
  const fields = reference.replace(/\[\s*['"]([^'"]+)['"]\s*\]/g, '.$1').replace(/\[[^\]]*\]/g, '').split('.').slice(2);
  if (fields.length === 0 || fields.includes('inputs') || fields.includes('client_payload')) return true;
  const last = fields.at(-1)!;
  return !(SAFE_EVENT_FIELDS.has(last) || /_at$/.test(last));
}

/** `${{ … }}` expressions in a script that expand an untrusted event field. */
function untrustedExpressions(text: string): PatternMatch[] {
  return matchesOf(text, EXPRESSION).flatMap((m) => ([...(m[1] ?? '').matchAll(EVENT_REFERENCE)].some((r) => isUntrustedReference(r[0])) ? [{ index: m.index, length: m[0].length }] : []));
}

/**
 * A regex source naming the callees of `module.member` calls: `module.member`, `alias.member` (`import module as
 * alias`) and `name` (`from module import member [as name]`), and which member a matched callee is.
 */
function pythonCallees(code: string, module: string, members: readonly string[]): { callee: string; memberOf: (callee: string) => string } {
  const modules = [module];
  const direct = new Map<string, string>();
  for (const m of matchesOf(code, /^[ \t]*import[ \t]+([^\n]*)/m)) {
    for (const entry of (m[1] ?? '').split(',')) {
      const parts = /^\s*([\w.]+)\s+as\s+(\w+)\s*$/.exec(entry);
      if (parts?.[1] === module) modules.push(parts[2]!);
    }
  }
  for (const m of matchesOf(code, new RegExp(`^[ \\t]*from[ \\t]+${module}[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n]*)`, 'm'))) {
    for (const entry of (m[1] ?? '').replace(/[()]/g, '').split(',')) {
      const parts = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(entry);
      if (parts && members.includes(parts[1]!)) direct.set(parts[2] ?? parts[1]!, parts[1]!);
    }
  }
  const qualified = `\\b(?:${modules.join('|')})\\.(?:${members.join('|')})`;
  const names = [...direct.keys()];
  const callee = `(?:${qualified}${names.length > 0 ? `|(?<![.\\w])(?:${names.join('|')})` : ''})`;
  return { callee, memberOf: (name) => direct.get(name) ?? name.split('.').at(-1)! };
}

/** Whether a masked expression (and its original text) builds a string: a template with `${…}` or a concatenation. */
function isBuiltString(masked: string, original: string): boolean {
  return /`/.test(masked) ? /\$\{/.test(original) : /\+/.test(masked);
}

/** Whether the last `const`/`let`/`var` declaration of `name` before `before` assigns it a built string. */
function builtCommand(ctx: PatternContext, name: string, before: number): boolean {
  const declarations = matchesOf(ctx.code.slice(0, before), new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=]+)?=([^;\\n]*)`));
  const last = declarations.at(-1);
  if (!last) return false;
  const start = last.index + last[0].length - (last[1] ?? '').length;
  return isBuiltString(last[1] ?? '', ctx.text.slice(start, start + (last[1] ?? '').length));
}

/** The dangerous-pattern rules (seed 000: `rm -rf`, `DROP TABLE`, `eval()`, `subprocess.call()`), context-aware. */
export const PATTERN_RULES: readonly PatternRule[] = [
  {
    id: 'shell-rm-rf-variable',
    languages: ['shell', 'dockerfile', 'workflow'],
    severity: 'high',
    description: '`rm -rf` of a path built from an unguarded variable',
    message: '`rm -rf` on a path built from a variable deletes the wrong tree when the variable is empty or unset (`rm -rf "$DIR/"` becomes `rm -rf /`). Guard it: `rm -rf "${DIR:?}/…"`, or check the path first.',
    find: (ctx) => shellSpans(ctx).flatMap((span) => unguardedRemovals(ctx, span).map((m) => ({ index: span.start + m.index, length: m.length }))),
  },
  {
    id: 'sql-destructive-migration',
    languages: ['sql', 'js', 'python', 'go'],
    severity: 'high',
    description:
      '`DROP TABLE` / `TRUNCATE` (or an ORM drop: `op.drop_table`, `dropTable`) in an up-migration. Migrations are files under a `migrations`, `migration`, `migrate`, `alembic`, `flyway`, `liquibase` or `db/changelog` directory, Flyway and golang-migrate file names (`V3__x.sql`, `0001_x.up.sql`) and files named `*migration*`; down-migrations (`*.down.sql`, `down()`, `downgrade()`, goose/dbmate down sections) are not checked.',
    message: 'A migration that drops or truncates a table destroys data that a rollback cannot bring back. Rename or archive instead, take a backup first, and ship the destructive step separately once nothing reads the table.',
    find: destructiveMigrationSteps,
  },
  {
    id: 'js-eval',
    languages: ['js'],
    severity: 'high',
    description: '`eval` / `new Function` / `Function` of a non-literal',
    message: 'Evaluating a string built at run time runs whatever reaches it as code. Parse the data instead (JSON.parse, a lookup table), or keep the code static.',
    // `eval` called directly or through the global object; `Function` with or without `new`. Masking only blanks
    // characters, so a text without the word cannot match: the literal checks skip masking most files.
    find: (ctx) => [
      ...(ctx.text.includes('eval') ? dynamicCalls(ctx, '(?<![.\\w$])(?:(?:window|globalThis|global|self)\\s*\\.\\s*)?eval') : []),
      ...(!ctx.text.includes('Function') ? [] : SHADOWED_FUNCTION.test(ctx.code) ? dynamicCalls(ctx, '\\bnew\\s+Function') : dynamicCalls(ctx, '(?:\\bnew\\s+)?(?<![.\\w$])Function')),
    ],
  },
  {
    id: 'js-child-process-exec',
    languages: ['js'],
    severity: 'high',
    description: '`child_process.exec` with a template or concatenation (directly or through a variable declared before)',
    message: '`exec` runs its string through a shell, so interpolated values become shell syntax (command injection). Use `execFile`/`spawn` with an argument array.',
    find: (ctx) => {
      if (!ctx.text.includes('child_process') || !/(['"])(node:)?child_process\1/.test(ctx.text)) return [];
      return matchesOf(ctx.code, /(?:(?<![.\w$])|\b(?:child_process|childProcess|cp)\.)(exec|execSync)\s*\(/).flatMap((m) => {
        const open = m.index + m[0].length - 1;
        const args = argumentsAt(ctx.code, open);
        const first = args.text.split(',')[0] ?? '';
        const firstOriginal = ctx.text.slice(open + 1, open + 1 + first.length);
        const variable = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(first)?.[1];
        const dynamic = variable ? builtCommand(ctx, variable, m.index) : isBuiltString(first, firstOriginal);
        return dynamic ? [{ index: m.index, length: args.end + 1 - m.index }] : [];
      });
    },
  },
  {
    id: 'py-subprocess-shell',
    languages: ['python'],
    severity: 'high',
    description: '`subprocess` (however imported) with `shell=True`',
    message: '`shell=True` hands the command to a shell, so any value in it becomes shell syntax (command injection). Pass an argument list without `shell=True`.',
    find: (ctx) => {
      const { callee, memberOf } = pythonCallees(ctx.code, 'subprocess', ['call', 'run', 'Popen', 'check_call', 'check_output', 'getoutput', 'getstatusoutput']);
      return matchesOf(ctx.code, new RegExp(`(${callee})\\s*\\(`)).flatMap((m) => {
        const args = argumentsAt(ctx.code, m.index + m[0].length - 1);
        const shell = /\bshell\s*=\s*True\b/.test(args.text) || /^get(?:status)?output$/.test(memberOf(m[1] ?? ''));
        return shell ? [{ index: m.index, length: args.end + 1 - m.index }] : [];
      });
    },
  },
  {
    id: 'py-os-system',
    languages: ['python'],
    severity: 'high',
    description: '`os.system` / `os.popen` (however imported) of a non-literal',
    message: '`os.system` runs its string through a shell; a value built into it becomes shell syntax. Use `subprocess.run([...])` with an argument list.',
    find: (ctx) => dynamicCalls(ctx, pythonCallees(ctx.code, 'os', ['system', 'popen']).callee),
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
      matchesOf(ctx.codeWithStrings, /\bexec\.Command(?:Context)?\s*\((?:[^,()]+,\s*)?"(?:[\w./-]*\/)?(?:ba|z|da|k)?sh"\s*,\s*"-c"\s*,\s*([^)]*)\)/).flatMap((m) => (/^\s*"[^"]*"\s*$/.test(m[1] ?? '') ? [] : [{ index: m.index, length: m[0].length }])),
  },
  {
    id: 'workflow-expression-injection',
    languages: ['workflow'],
    severity: 'high',
    description: '`${{ github.event.* }}` expanded inside a `run:` script of a workflow or composite action (numeric, boolean, timestamp and SHA fields excepted)',
    message: 'Expressions in `run:` are pasted into the script before it runs, so a crafted issue title, branch name or commit message becomes shell code. Pass the value through `env:` and use "$VAR" in the script.',
    find: (ctx) => shellSpans({ language: ctx.language, codeWithStrings: ctx.text }).flatMap((span) => untrustedExpressions(span.text).map((m) => ({ index: span.start + m.index, length: m.length }))),
  },
];
