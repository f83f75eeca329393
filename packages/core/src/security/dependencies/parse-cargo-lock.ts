import type { Dependency, LockfileParseResult } from './dependency';
import { parseTomlPackages } from './parse-toml-packages';

/** Reads `Cargo.lock`: every `[[package]]` that came from a registry or git; workspace crates (no `source`) are the project itself. */
export function parseCargoLock(file: string, text: string): LockfileParseResult {
  const { tables, problems } = parseTomlPackages(file, text);
  const packages: Dependency[] = [];
  for (const { line, fields } of tables) {
    const { name, version, source } = fields;
    if (typeof name !== 'string' || typeof version !== 'string' || name === '' || version === '') {
      problems.push(`${file}:${line}: [[package]] without a name and version; skipped.`);
      continue;
    }
    if (source === undefined) continue;
    packages.push({ ecosystem: 'crates.io', name, version, file, line });
  }
  return { packages, problems };
}
