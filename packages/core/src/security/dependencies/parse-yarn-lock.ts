import type { Dependency, LockfileParseResult } from './dependency';

interface Entry {
  descriptor: string;
  line: number;
  version?: string;
  resolution?: string;
}

/** Reads `yarn.lock` in both the classic v1 format and berry's (v2+) YAML format, line by line. */
export function parseYarnLock(file: string, text: string): LockfileParseResult {
  const problems: string[] = [];
  const packages: Dependency[] = [];
  const entries: Entry[] = [];
  let current: Entry | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      current = undefined;
      if (!raw.endsWith(':')) {
        problems.push(`${file}:${index + 1}: expected a package header ending in ":", found "${raw.slice(0, 80)}"; skipped.`);
        return;
      }
      current = { descriptor: raw.slice(0, -1), line: index + 1 };
      entries.push(current);
      return;
    }
    if (!current) return;
    // Only the entry's own two-space fields: `version "1.0.0"` (v1) or `version: 1.0.0` (berry).
    const field = /^ {2}(version|resolution):? +"?([^"\s]+)"?\s*$/.exec(raw);
    if (field?.[1] === 'version') current.version = field[2];
    if (field?.[1] === 'resolution') current.resolution = field[2];
  });
  for (const entry of entries) {
    if (entry.descriptor === '__metadata') continue;
    const resolved = resolveEntry(entry);
    if (resolved === 'not-from-registry') continue;
    if (!resolved) {
      problems.push(`${file}:${entry.line}: entry ${entry.descriptor} has no readable name and version; skipped.`);
      continue;
    }
    packages.push({ ecosystem: 'npm', ...resolved, file, line: entry.line });
  }
  return { packages, problems };
}

function resolveEntry(entry: Entry): { name: string; version: string } | 'not-from-registry' | undefined {
  if (entry.resolution !== undefined) {
    // Berry: `name@npm:1.2.3`; workspaces, patches, links and portals are not registry packages.
    const match = /^(@?[^@]+)@npm:(.+)$/.exec(entry.resolution);
    if (!match) return 'not-from-registry';
    return { name: match[1] ?? '', version: match[2] ?? '' };
  }
  const first = (entry.descriptor.split(',')[0] ?? '').trim().replace(/^"|"$/g, '');
  const at = first.indexOf('@', 1);
  if (at < 0 || !entry.version) return undefined;
  const range = first.slice(at + 1);
  // v1 aliases: `alias@npm:real-name@^1.0.0` installs real-name.
  const alias = /^npm:(@?[^@]+)@/.exec(range);
  if (!/^\d/.test(entry.version)) return 'not-from-registry';
  return { name: alias?.[1] ?? first.slice(0, at), version: entry.version };
}
