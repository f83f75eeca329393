/**
 * The lines each file gained in a unified diff (`git diff --unified=0 --no-color --no-ext-diff base head`), by
 * path after the change, 1-based. Decides by the `+++ b/<path>` headers (deleted files and binary files gain no
 * lines) and the new side of each `@@ -a,b +c,d @@` hunk; quoted paths (`"b/sp ace.txt"`, C escapes) are unquoted.
 * The diff scan looks only at these lines, so removing a secret never blocks.
 */
export function parseAddedLines(diff: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4).trim());
      current = target === '/dev/null' ? undefined : getOrCreate(added, target.replace(/^b\//, ''));
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  for (const [file, lines] of added) if (lines.size === 0) added.delete(file);
  return added;
}

function getOrCreate(map: Map<string, Set<number>>, key: string): Set<number> {
  let value = map.get(key);
  if (!value) map.set(key, (value = new Set()));
  return value;
}

/** Git quotes paths with unusual characters as C strings: `"b/na\\303\\257ve.txt"`. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
