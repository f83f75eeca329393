import { parseAddedText } from './parse-added-text';

/**
 * The lines each file gained in a unified diff (`git diff --unified=0 --no-color --no-ext-diff base head`), by
 * path after the change, 1-based. Decides by the `+++ b/<path>` headers (deleted files and binary files gain no
 * lines) and the `+` lines of each hunk; quoted paths (`"b/sp ace.txt"`, C escapes) are unquoted.
 * The diff scan looks only at these lines, so removing a secret never blocks.
 */
export function parseAddedLines(diff: string): Map<string, Set<number>> {
  return new Map([...parseAddedText(diff)].map(([path, lines]) => [path, new Set(lines.map((l) => l.line))]));
}
