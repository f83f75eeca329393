import type { Dependency, LockfileParseResult } from './dependency';
import { parseCargoLock } from './parse-cargo-lock';
import { parseGoMod } from './parse-go-mod';
import { parsePackageLock } from './parse-package-lock';
import { parsePnpmLock } from './parse-pnpm-lock';
import { parsePoetryLock } from './parse-poetry-lock';
import { parseRequirements } from './parse-requirements';
import { parseYarnLock } from './parse-yarn-lock';

type LockfileParser = (file: string, text: string) => LockfileParseResult;

const PARSERS: Record<string, LockfileParser> = {
  'package-lock.json': parsePackageLock,
  'npm-shrinkwrap.json': parsePackageLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
  'requirements.txt': parseRequirements,
  'poetry.lock': parsePoetryLock,
  'go.mod': parseGoMod,
  'Cargo.lock': parseCargoLock,
};

/** The lockfile names `parseLockfile` understands. */
export const LOCKFILE_NAMES = Object.keys(PARSERS);

/** Whether `parseLockfile` reads this file (by its base name). */
export function isLockfilePath(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base in PARSERS || /^requirements.*\.txt$/.test(base);
}

/**
 * Reads the resolved packages of one lockfile, chosen by its file name. Never throws: malformed
 * input yields what could be read plus one sentence per problem. Decides by: the base name, then
 * each format's own rules; a package listed twice at the same version is reported once (at its first line, dev only if every copy is).
 */
export function parseLockfile(path: string, text: string): { packages: Dependency[]; problems: string[] } {
  const base = path.split(/[\\/]/).pop() ?? path;
  const parser = PARSERS[base] ?? (/^requirements.*\.txt$/.test(base) ? parseRequirements : undefined);
  if (!parser) return { packages: [], problems: [`${path}: not a lockfile this scanner reads (known: ${LOCKFILE_NAMES.join(', ')}).`] };
  let result: LockfileParseResult;
  try {
    result = parser(path, text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // A parser bug must not take the whole scan down: report it like any other unreadable file.
    return { packages: [], problems: [`${path}: could not be read (${(error as Error).message}).`] };
  }
  return { packages: dedupe(result.packages), problems: result.problems };
}

function dedupe(packages: Dependency[]): Dependency[] {
  const seen = new Map<string, Dependency>();
  for (const dependency of packages) {
    const key = `${dependency.name}@${dependency.version}`;
    const first = seen.get(key);
    if (!first) seen.set(key, dependency);
    else if (first.dev && !dependency.dev) seen.set(key, { ...first, dev: undefined });
  }
  return [...seen.values()].map((dependency) => (dependency.dev ? dependency : withoutDev(dependency)));
}

function withoutDev({ dev: _dev, ...rest }: Dependency): Dependency {
  return rest;
}
