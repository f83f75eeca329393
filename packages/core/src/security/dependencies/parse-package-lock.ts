import { lineIndex, type Dependency, type LockfileParseResult } from './dependency';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads npm's `package-lock.json` (or `npm-shrinkwrap.json`): the v2/v3 `packages` map, else the v1 `dependencies` tree. */
export function parsePackageLock(file: string, text: string): LockfileParseResult {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    return { packages: [], problems: [`${file}: not valid JSON (${(error as Error).message}); no npm packages were read from it.`] };
  }
  if (!isObject(lock)) return { packages: [], problems: [`${file}: expected a JSON object at the top level; no npm packages were read from it.`] };
  const lineOf = lineIndex(text);
  const problems: string[] = [];
  const packages: Dependency[] = [];
  if (isObject(lock.packages)) {
    // Keys come back in file order, so each search starts where the previous key was found.
    let from = 0;
    for (const [key, entry] of Object.entries(lock.packages)) {
      // "" is the root project; keys outside node_modules are workspace folders, linked rather than installed.
      const at = key.lastIndexOf('node_modules/');
      if (at < 0) continue;
      if (!isObject(entry)) {
        problems.push(`${file}: packages["${key}"] is not an object; skipped.`);
        continue;
      }
      if (entry.link === true) continue;
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      if (typeof entry.version !== 'string' || entry.version === '') {
        problems.push(`${file}: packages["${key}"] has no version; skipped.`);
        continue;
      }
      const offset = text.indexOf(JSON.stringify(key), from);
      if (offset >= 0) from = offset;
      packages.push({ ecosystem: 'npm', name, version: entry.version, ...(entry.dev === true ? { dev: true } : {}), file, ...(offset >= 0 ? { line: lineOf(offset) } : {}) });
    }
    return { packages, problems };
  }
  if (isObject(lock.dependencies)) {
    walkV1(file, lock.dependencies, [], packages, problems);
    return { packages, problems };
  }
  return { packages, problems: [`${file}: has neither a "packages" map (lockfile v2/v3) nor a "dependencies" tree (v1); no npm packages were read from it.`] };
}

function walkV1(file: string, tree: Json, path: string[], packages: Dependency[], problems: string[]): void {
  for (const [key, entry] of Object.entries(tree)) {
    const where = [...path, key].join(' > ');
    if (!isObject(entry) || typeof entry.version !== 'string') {
      problems.push(`${file}: dependencies entry "${where}" has no version; skipped.`);
      continue;
    }
    const resolved = resolveV1Version(key, entry.version);
    if (resolved) packages.push({ ecosystem: 'npm', ...resolved, ...(entry.dev === true ? { dev: true } : {}), file });
    if (isObject(entry.dependencies)) walkV1(file, entry.dependencies, [...path, key], packages, problems);
  }
}

/** v1 writes aliases as `npm:real-name@1.2.3` and non-registry sources as URLs or `file:` paths, which OSV cannot know. */
function resolveV1Version(name: string, version: string): { name: string; version: string } | undefined {
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : undefined;
  }
  return /^\d/.test(version) ? { name, version } : undefined;
}
