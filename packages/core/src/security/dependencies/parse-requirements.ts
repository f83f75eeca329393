import { normalisePypiName, type Dependency, type LockfileParseResult } from './dependency';

const PINNED = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,\\]+)\s*(?:;.*)?$/;
const REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@]|$)/;

/** Reads the exactly pinned (`==`) lines of a pip `requirements.txt`; ranges are not a lock and are left to the resolver. */
export function parseRequirements(file: string, text: string): LockfileParseResult {
  const packages: Dependency[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let logical = lines[index] ?? '';
    // A trailing backslash continues the requirement, typically onto `--hash=` lines.
    while (logical.endsWith('\\') && index + 1 < lines.length) logical = `${logical.slice(0, -1)} ${lines[++index] ?? ''}`;
    const requirement = logical
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s--?[a-z][\w-]*(?:[=\s]\S+)?/g, '')
      .trim();
    if (requirement === '' || requirement.startsWith('-')) continue;
    const pinned = PINNED.exec(requirement);
    if (pinned && !pinned[2]?.includes('*')) {
      packages.push({ ecosystem: 'PyPI', name: normalisePypiName(pinned[1] ?? ''), version: pinned[2] ?? '', file, line: start + 1 });
    } else if (!REQUIREMENT.test(requirement) && !/^(?:[a-z+]+:\/\/|\.{0,2}\/)/i.test(requirement)) {
      problems.push(`${file}:${start + 1}: "${requirement.slice(0, 80)}" is not a requirement; skipped.`);
    }
  }
  return { packages, problems };
}
