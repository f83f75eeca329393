import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@safe-deploy/core';
import { GitScanSource } from './git-scan-source';

let repo: string;
const commits: string[] = [];
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();

async function commit(files: Record<string, string | Buffer>, message: string): Promise<string> {
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(repo, name), content);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  const sha = git(repo, 'rev-parse', 'HEAD');
  commits.push(sha);
  return sha;
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'git-scan-source-'));
  git(repo, 'init', '-q', '-b', 'main');
  await commit({ 'a.txt': 'one\ntwo\nthree\n', 'keep.txt': 'x\n' }, 'first');
  await commit({ 'a.txt': 'one\nTWO\nthree\nfour\n', 'sp ace.txt': 'hello\n', 'img.bin': Buffer.from([1, 0, 2, 3]), 'big.txt': 'y'.repeat(3000) }, 'second');
  await rm(path.join(repo, 'keep.txt'));
  await commit({ 'a.txt': 'one\nthree\nfour\n' }, 'third');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('GitScanSource', () => {
  it('reads the lines a change added with the file at head, and skips what is not text or too large', async () => {
    const source = new GitScanSource({ root: repo, maxFileBytes: 2048 });
    const changes = await source.readChanges(commits[0]!, commits[1]!);
    expect(changes.base).toBe(commits[0]);
    expect(changes.head).toBe(commits[1]);
    expect(changes.files.map((f) => [f.path, [...f.added], f.text])).toEqual([
      ['a.txt', [2, 4], 'one\nTWO\nthree\nfour\n'],
      ['sp ace.txt', [1], 'hello\n'],
    ]);
    expect(changes.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['big.txt', 'too-large'],
      ['img.bin', 'binary'],
    ]);
  });

  it('gives a change that only removes lines nothing to scan', async () => {
    const changes = await new GitScanSource({ root: repo }).readChanges(commits[1]!, commits[2]!);
    expect(changes.files).toEqual([]);
  });

  it('reads a file at a commit, undefined where it did not exist', async () => {
    const source = new GitScanSource({ root: repo });
    await expect(source.readFileAt(commits[0]!, 'keep.txt')).resolves.toBe('x\n');
    await expect(source.readFileAt(commits[2]!, 'keep.txt')).resolves.toBeUndefined();
  });

  it('reads history newest first, each commit with the lines it added', async () => {
    const source = new GitScanSource({ root: repo });
    const all = await source.readHistory(undefined, 'HEAD');
    expect(all.map((c) => c.sha)).toEqual([...commits].reverse());
    expect(all[2]?.added.get('a.txt')?.map((l) => l.text)).toEqual(['one', 'two', 'three']);
    const since = await source.readHistory(commits[0], commits[2]!);
    expect(since.map((c) => c.sha)).toEqual([commits[2], commits[1]]);
    expect(since[1]?.added.get('img.bin')).toBeUndefined();
  });

  it('names the input and the fix when a commit is missing, and says when the clone is shallow', async () => {
    const source = new GitScanSource({ root: repo, baseInput: 'base' });
    await expect(source.readChanges('f'.repeat(40), 'HEAD')).rejects.toThrow(ConfigurationError);
    await expect(source.readChanges('f'.repeat(40), 'HEAD')).rejects.toThrow(/input 'base': 'f{40}' is not a commit in this clone\. Fix: .*fetch-depth: 0/);
    const shallow = await mkdtemp(path.join(tmpdir(), 'git-scan-shallow-'));
    try {
      git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
      await expect(new GitScanSource({ root: shallow }).readChanges(commits[0]!, 'HEAD')).rejects.toThrow(/the checkout is shallow/);
    } finally {
      await rm(shallow, { recursive: true, force: true });
    }
  });
});
