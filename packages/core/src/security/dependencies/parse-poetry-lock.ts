import { normalisePypiName, type Dependency, type LockfileParseResult } from './dependency';
import { parseTomlPackages } from './parse-toml-packages';

/** Reads `poetry.lock`: every `[[package]]` name and version; dev from `category = "dev"` (Poetry < 1.2) or `groups` without "main". */
export function parsePoetryLock(file: string, text: string): LockfileParseResult {
  const { tables, problems } = parseTomlPackages(file, text);
  const packages: Dependency[] = [];
  for (const { line, fields } of tables) {
    const { name, version, category, groups } = fields;
    if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') {
      problems.push(`${file}:${line}: [[package]] without a name and version; skipped.`);
      continue;
    }
    const dev = category === 'dev' || (Array.isArray(groups) && groups.length > 0 && !groups.includes('main'));
    packages.push({ ecosystem: 'PyPI', name: normalisePypiName(name), version, ...(dev ? { dev: true } : {}), file, line });
  }
  return { packages, problems };
}
