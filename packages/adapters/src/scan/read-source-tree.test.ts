import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSourceTree } from './read-source-tree';

describe('readSourceTree', () => {
  let root: string;
  let outside: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tree-'));
    outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
    await mkdir(path.join(root, 'src', 'deep'), { recursive: true });
    await mkdir(path.join(root, 'node_modules', 'x'), { recursive: true });
    await mkdir(path.join(root, '.git'));
    await writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    await writeFile(path.join(root, 'src', 'deep', 'b.py'), 'print("ü")\n');
    await writeFile(path.join(root, 'node_modules', 'x', 'index.js'), 'skipped');
    await writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main');
    await writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await writeFile(path.join(root, 'big.min.js'), 'x'.repeat(2048));
    await writeFile(path.join(outside, 'secret.txt'), 'CONTENT-OF-THE-OUTSIDE-FILE');
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape.txt'));
    await symlink(path.join(root, 'src', 'a.ts'), path.join(root, 'alias.ts'));
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    await writeFile(path.join(root, 'locked.txt'), 'no');
    await chmod(path.join(root, 'locked.txt'), 0o000);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('reads every text file once, in path order, and reports what it skipped and why', async () => {
    const { files, skipped } = await readSourceTree(root, { maxFileBytes: 1024 });
    // alias.ts is a symlink inside the tree to src/a.ts: read once, under the first path walked.
    const root_ = process.getuid?.() === 0;
    expect(files.map((f) => f.path)).toEqual(['alias.ts', ...(root_ ? ['locked.txt'] : []), 'src/deep/b.py']);
    expect(files.at(-1)?.text).toBe('print("ü")\n');
    const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toMatchObject({ 'big.min.js': 'too-large', dangling: 'symlink-outside', 'escape.txt': 'symlink-outside', 'latin1.txt': 'invalid-utf8', 'logo.png': 'binary' });
    // Root can read anything; elsewhere a file without permissions is reported as unreadable.
    if (!root_) expect(reasons['locked.txt']).toBe('unreadable');
    expect(JSON.stringify({ files, skipped })).not.toContain('CONTENT-OF-THE-OUTSIDE-FILE');
  });
});
