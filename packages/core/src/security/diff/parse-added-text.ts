import { unquoteGitPath } from './unquote-git-path';

/** A line a change added: its number in the new file and its text. */
export interface AddedLine {
  line: number;
  text: string;
}

/**
 * The lines each file gained in a unified diff, with their text, by path after the change (the history scan reads
 * them from `git log -p`, where the file as a whole may no longer exist). Deleted and binary files gain nothing;
 * `\ No newline at end of file` markers are not lines.
 */
export function parseAddedText(diff: string): Map<string, AddedLine[]> {
  const added = new Map<string, AddedLine[]>();
  let current: AddedLine[] | undefined;
  let next = 0;
  let inHunk = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      inHunk = false;
      continue;
    }
    if (!inHunk && line.startsWith('+++ ')) {
      const target = unquoteGitPath(line.slice(4).trim());
      if (target === '/dev/null') current = undefined;
      else {
        const path = target.replace(/^b\//, '');
        current = added.get(path) ?? [];
        added.set(path, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      inHunk = current !== undefined;
      next = Number(hunk[1]);
      continue;
    }
    if (!inHunk || !current) continue;
    if (line.startsWith('+')) current.push({ line: next++, text: line.slice(1) });
    else if (line.startsWith(' ')) next++;
    else if (!line.startsWith('-') && !line.startsWith('\\')) inHunk = false;
  }
  for (const [path, lines] of added) if (lines.length === 0) added.delete(path);
  return added;
}

/** One commit of `git log -p` output written with `--format=%x00%H`. */
export interface CommitPatch {
  sha: string;
  added: Map<string, AddedLine[]>;
}

/** Splits `git log -p --format=%x00%H` output into commits, each with the lines it added. */
export function parseCommitPatches(log: string): CommitPatch[] {
  return log
    .split('\0')
    .filter((chunk) => chunk.trim())
    .flatMap((chunk) => {
      const newline = chunk.indexOf('\n');
      const sha = (newline < 0 ? chunk : chunk.slice(0, newline)).trim();
      if (!/^[0-9a-f]{40}$/.test(sha)) return [];
      return [{ sha, added: parseAddedText(newline < 0 ? '' : chunk.slice(newline + 1)) }];
    });
}
