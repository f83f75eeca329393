import type { Dependency, LockfileParseResult } from './dependency';

/** Reads the `require` directives of `go.mod`, single-line and block form; `// indirect` requirements are kept. */
export function parseGoMod(file: string, text: string): LockfileParseResult {
  const packages: Dependency[] = [];
  const problems: string[] = [];
  let block: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') return;
    if (block !== undefined) {
      if (line === ')') block = undefined;
      else if (block === 'require') addRequirement(line, index + 1);
      return;
    }
    const directive = /^(\w+)\s*(\(?)\s*(.*)$/.exec(line);
    if (!directive) {
      problems.push(`${file}:${index + 1}: "${line.slice(0, 80)}" is not a go.mod directive; skipped.`);
      return;
    }
    const [, verb = '', open, rest = ''] = directive;
    if (open) block = verb;
    else if (verb === 'require') addRequirement(rest, index + 1);
  });
  if (block !== undefined) problems.push(`${file}: the "${block} (" block is never closed; read up to the end of the file.`);
  return { packages, problems };

  function addRequirement(spec: string, line: number): void {
    const match = /^("[^"]+"|\S+)\s+(v\S+)$/.exec(spec);
    if (!match) {
      problems.push(`${file}:${line}: require "${spec.slice(0, 80)}" is not "module vX.Y.Z"; skipped.`);
      return;
    }
    packages.push({ ecosystem: 'Go', name: (match[1] ?? '').replace(/^"|"$/g, ''), version: match[2] ?? '', file, line });
  }
}
