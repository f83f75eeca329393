import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Dependency, LockfileParseResult } from './dependency';

/** Reads `pnpm-lock.yaml`: the `packages` keys of lockfile v5 (`/name/1.2.3`), v6 (`/name@1.2.3(peer@1)`) and v9 (`name@1.2.3`). */
export function parsePnpmLock(file: string, text: string): LockfileParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (document.errors.length > 0) {
    return { packages: [], problems: [`${file}: not valid YAML (${document.errors[0]?.message.split('\n')[0]}); no npm packages were read from it.`] };
  }
  const root = document.contents;
  if (!isMap(root)) return { packages: [], problems: [`${file}: expected a YAML mapping at the top level; no npm packages were read from it.`] };
  const section = root.get('packages', true);
  if (section === undefined || section === null) return { packages: [], problems: [] };
  if (!isMap(section)) return { packages: [], problems: [`${file}: "packages" is not a mapping; no npm packages were read from it.`] };
  const packages: Dependency[] = [];
  const problems: string[] = [];
  for (const pair of section.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
    const parsed = parsePnpmKey(key);
    if (!parsed) {
      problems.push(`${file}${line ? `:${line}` : ''}: package key "${key}" is not name@version; skipped.`);
      continue;
    }
    if (!/^\d/.test(parsed.version)) continue; // tarball, git and file: sources are not registry versions
    const entry = isMap(pair.value) ? pair.value : undefined;
    const dev = entry?.get('dev') === true;
    packages.push({ ecosystem: 'npm', ...parsed, ...(dev ? { dev: true } : {}), file, ...(line ? { line } : {}) });
  }
  return { packages, problems };
}

function parsePnpmKey(rawKey: string): { name: string; version: string } | undefined {
  const key = rawKey.replace(/^\//, '');
  // v5: `name/1.2.3` or `@scope/name/1.2.3`, peers after `_`.
  const v5 = /^(@[^/@]+\/[^/@]+|[^/@]+)\/(\d[^_/()]*)/.exec(key);
  if (v5) return { name: v5[1] ?? '', version: v5[2] ?? '' };
  // v6 and v9: `name@1.2.3`, peers and patches in parentheses.
  const bare = key.replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at <= 0 || at === bare.length - 1) return undefined;
  return { name: bare.slice(0, at), version: bare.slice(at + 1) };
}
