import { describe, expect, it } from '@jest/globals';
import { parseAddedLines } from './parse-added-lines';

const lines = (diff: string) => Object.fromEntries([...parseAddedLines(diff)].map(([file, set]) => [file, [...set].sort((a, b) => a - b)]));

describe('parseAddedLines', () => {
  it('reads the new side of every hunk, per file', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3 +3 @@ export const a = 1;',
      '-old',
      '+new',
      '@@ -10,0 +11,3 @@',
      '+x',
      '+y',
      '+z',
      'diff --git a/new.py b/new.py',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.py',
      '@@ -0,0 +1,2 @@',
      '+a',
      '+b',
    ].join('\n');
    expect(lines(diff)).toEqual({ 'src/a.ts': [3, 11, 12, 13], 'new.py': [1, 2] });
  });

  it('gives deleted files, pure deletions, binary files and renames without changes no lines', () => {
    const diff = [
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-secret',
      '-more',
      'diff --git a/keep.txt b/keep.txt',
      '--- a/keep.txt',
      '+++ b/keep.txt',
      '@@ -5,2 +4,0 @@',
      '-removed',
      '-removed too',
      'diff --git a/logo.png b/logo.png',
      'Binary files a/logo.png and b/logo.png differ',
      'diff --git a/old.md b/new.md',
      'similarity index 100%',
      'rename from old.md',
      'rename to new.md',
    ].join('\n');
    expect(lines(diff)).toEqual({});
  });

  it('unquotes paths git writes as C strings', () => {
    const diff = ['diff --git "a/na\\303\\257ve.txt" "b/na\\303\\257ve.txt"', '--- "a/na\\303\\257ve.txt"', '+++ "b/na\\303\\257ve.txt"', '@@ -1 +1 @@', '+x'].join('\n');
    expect(lines(diff)).toEqual({ 'naïve.txt': [1] });
  });
});
