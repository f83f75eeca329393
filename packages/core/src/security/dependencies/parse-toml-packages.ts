import type { LockfileParseResult } from './dependency';

/** One `[[package]]` table: its single-line string and string-array fields. */
export interface TomlPackage {
  line: number;
  fields: Record<string, string | string[]>;
}

/**
 * Reads the `[[package]]` tables shared by `poetry.lock` and `Cargo.lock`: a TOML subset of
 * `key = "string"` and single-line `key = ["a", "b"]`. Sub-tables (`[package.dependencies]`) and
 * multi-line values are skipped, which is all name and version need.
 */
export function parseTomlPackages(file: string, text: string): { tables: TomlPackage[]; problems: LockfileParseResult['problems'] } {
  const tables: TomlPackage[] = [];
  const problems: string[] = [];
  let current: TomlPackage | undefined;
  let inMultilineString = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (inMultilineString) {
      if (/"""|'''/.test(line)) inMultilineString = false;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      current = undefined;
      if (line === '[[package]]') {
        current = { line: index + 1, fields: {} };
        tables.push(current);
      } else if (!/^\[\[?[A-Za-z0-9_.\-" ]+\]\]?$/.test(line)) {
        problems.push(`${file}:${index + 1}: "${line.slice(0, 80)}" is not a TOML table header; skipped.`);
      }
      return;
    }
    const assignment = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (!assignment) return; // continuation of a multi-line array or inline table
    const [, key = '', value = ''] = assignment;
    const triple = /^("""|''')(.*)$/.exec(value);
    if (triple) {
      inMultilineString = !(triple[2] ?? '').includes(triple[1] ?? '');
      return;
    }
    if (!current) return;
    const string = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(value) ?? /^'([^']*)'\s*(?:#.*)?$/.exec(value);
    if (string) {
      current.fields[key] = string[1] ?? '';
      return;
    }
    const array = /^\[(.*)\]\s*(?:#.*)?$/.exec(value);
    if (array) current.fields[key] = [...(array[1] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
  });
  return { tables, problems };
}
