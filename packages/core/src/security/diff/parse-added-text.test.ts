import { describe, expect, it } from '@jest/globals';
import { parseAddedText, parseCommitPatches } from './parse-added-text';

describe('parseAddedText', () => {
  it('keeps the text and new-side number of every added line, skipping context, removals and markers', () => {
    const diff = ['diff --git a/a.txt b/a.txt', '--- a/a.txt', '+++ b/a.txt', '@@ -1,2 +1,3 @@', ' keep', '-old', '+new one', '+++ starts like a header', '\\ No newline at end of file', '@@ -10 +11,0 @@', '-gone'].join('\n');
    expect(parseAddedText(diff).get('a.txt')).toEqual([
      { line: 2, text: 'new one' },
      { line: 3, text: '++ starts like a header' },
    ]);
  });

  it('gives deleted and binary files nothing', () => {
    const diff = ['diff --git a/x b/x', 'deleted file mode 100644', '--- a/x', '+++ /dev/null', '@@ -1 +0,0 @@', '-x', 'diff --git a/i.png b/i.png', 'Binary files /dev/null and b/i.png differ'].join('\n');
    expect(parseAddedText(diff).size).toBe(0);
  });
});

describe('parseCommitPatches', () => {
  it('splits git log -p --format=%x00%H output by commit', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const log = `\0${a}\n\ndiff --git a/k b/k\n--- /dev/null\n+++ b/k\n@@ -0,0 +1 @@\n+first\n\0${b}\n\ndiff --git a/k b/k\n--- a/k\n+++ b/k\n@@ -1 +1 @@\n-first\n+second\n`;
    const commits = parseCommitPatches(log);
    expect(commits.map((c) => [c.sha, c.added.get('k')])).toEqual([
      [a, [{ line: 1, text: 'first' }]],
      [b, [{ line: 1, text: 'second' }]],
    ]);
  });
});
