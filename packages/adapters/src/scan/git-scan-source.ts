import { spawn } from 'node:child_process';
import { ConfigurationError, ExternalError, parseAddedText, parseCommitPatches, unquoteGitPath, type ChangedFile, type CommitPatch, type ScanSkippedFile, type ScanSource, type ScannedFile } from '@safe-deploy/core';
import { decodeSourceText } from './decode-source-text';
import { readSourceTree } from './read-source-tree';

/** How the source is read: the repository root, the largest file read, the directories never entered. */
export interface GitScanSourceOptions {
  root: string;
  /** Larger files are skipped as `too-large` (default 5 MiB). */
  maxFileBytes?: number;
  skipDirectories?: readonly string[];
  /** Which input names `base` and `head` (for error messages). */
  baseInput?: string;
  headInput?: string;
}

const HISTORY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

/** The scan's source over a git checkout: the working tree from disk, changes and history through the `git` command. */
export class GitScanSource implements ScanSource {
  private readonly maxFileBytes: number;

  constructor(private readonly options: GitScanSourceOptions) {
    this.maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  }

  readTree(): Promise<{ files: ScannedFile[]; skipped: ScanSkippedFile[] }> {
    return readSourceTree(this.options.root, { maxFileBytes: this.maxFileBytes, ...(this.options.skipDirectories ? { skipDirectories: this.options.skipDirectories } : {}) });
  }

  async readChanges(base: string, head: string): Promise<{ files: ChangedFile[]; skipped: ScanSkippedFile[]; base: string; head: string }> {
    const headSha = await this.resolve(head, this.options.headInput ?? 'head');
    const baseSha = await this.resolve(base, this.options.baseInput ?? 'base');
    // Like a pull request's "Files changed": what head added since it left base, not what base gained meanwhile.
    const mergeBase = (await this.git(['merge-base', baseSha, headSha], { allowFailure: true })).stdout.toString().trim();
    const from = /^[0-9a-f]{40}$/.test(mergeBase) ? mergeBase : baseSha;
    const diff = await this.git(['diff', '--no-color', '--no-ext-diff', '--unified=0', '-M', from, headSha]);
    const diffText = diff.stdout.toString('utf8');
    const added = parseAddedText(diffText);
    const paths = [...added.keys()].sort();
    const blobs = await this.catFiles(paths.map((p) => `${headSha}:${p}`));
    const files: ChangedFile[] = [];
    // Git shows no lines of a binary file; a secret in one must not pass unseen, so it is listed as not scanned.
    const skipped: ScanSkippedFile[] = [...diffText.matchAll(/^Binary files .* and (.+) differ$/gm)]
      .map((m) => unquoteGitPath(m[1]!).replace(/^b\//, ''))
      .filter((path) => path !== '/dev/null')
      .map((path) => ({ path, reason: 'binary', detail: 'a binary file the change adds or modifies' }));
    paths.forEach((path, i) => {
      const blob = blobs[i];
      if (blob === undefined) return;
      if ('tooLarge' in blob) {
        skipped.push({ path, reason: 'too-large', detail: `${blob.tooLarge} bytes, over the ${this.maxFileBytes}-byte limit` });
        return;
      }
      const decoded = decodeSourceText(blob);
      if ('reason' in decoded) skipped.push({ path, ...decoded });
      else files.push({ path, text: decoded.text, bytes: blob.length, added: new Set((added.get(path) ?? []).map((l) => l.line)) });
    });
    return { files, skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)), base: from, head: headSha };
  }

  async readFileAt(commit: string, path: string): Promise<string | undefined> {
    const [blob] = await this.catFiles([`${commit}:${path}`]);
    if (blob === undefined || 'tooLarge' in blob) return undefined;
    const decoded = decodeSourceText(blob);
    return 'text' in decoded ? decoded.text : undefined;
  }

  async readHistory(base: string | undefined, head: string): Promise<CommitPatch[]> {
    const headSha = await this.resolve(head, this.options.headInput ?? 'head');
    const range = base ? [`${await this.resolve(base, this.options.baseInput ?? 'base')}..${headSha}`] : [headSha];
    const log = await this.git(['log', '-p', '--no-color', '--no-ext-diff', '--unified=0', '--no-renames', '--format=%x00%H', ...range, '--'], { limit: HISTORY_LIMIT_BYTES });
    return parseCommitPatches(log.stdout.toString('utf8'));
  }

  /** A revision as a commit sha; a missing one is the user's to fix (often a shallow checkout). */
  private async resolve(revision: string, input: string): Promise<string> {
    const result = await this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], { allowFailure: true });
    const sha = result.stdout.toString().trim();
    if (result.code === 0 && /^[0-9a-f]{40}$/.test(sha)) return sha;
    const shallow = (await this.git(['rev-parse', '--is-shallow-repository'], { allowFailure: true })).stdout.toString().trim() === 'true';
    throw new ConfigurationError(
      `input '${input}'`,
      `'${revision}' is not a commit in this clone${shallow ? ' (the checkout is shallow, so older commits are missing)' : ''}.`,
      'Check out with enough history: actions/checkout with `fetch-depth: 0` (or fetch the commit, e.g. `git fetch --depth=1 origin <sha>`), and pass a commit sha or a ref that exists.',
    );
  }

  /** Reads blobs with one `git cat-file --batch`; undefined for a missing object, `tooLarge` past the size limit. */
  private async catFiles(specs: string[]): Promise<(Buffer | { tooLarge: number } | undefined)[]> {
    if (specs.length === 0) return [];
    const out = await this.git(['cat-file', '--batch'], { stdin: specs.map((s) => `${s}\n`).join(''), limit: HISTORY_LIMIT_BYTES });
    const buffer = out.stdout;
    const blobs: (Buffer | { tooLarge: number } | undefined)[] = [];
    let at = 0;
    for (let i = 0; i < specs.length; i++) {
      const eol = buffer.indexOf(10, at);
      if (eol < 0) break;
      const header = buffer.subarray(at, eol).toString('utf8');
      at = eol + 1;
      const parts = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!parts) {
        blobs.push(undefined);
        continue;
      }
      const size = Number(parts[2]);
      const body = buffer.subarray(at, at + size);
      at += size + 1;
      blobs.push(parts[1] !== 'blob' ? undefined : size > this.maxFileBytes ? { tooLarge: size } : body);
    }
    return blobs;
  }

  private git(args: string[], options: { allowFailure?: boolean; stdin?: string; limit?: number } = {}): Promise<{ code: number; stdout: Buffer }> {
    const limit = options.limit ?? 512 * 1024 * 1024;
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd: this.options.root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) child.kill('SIGKILL');
        else chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
      child.on('error', (error) => reject(new ExternalError('git', `could not run git ${args[0]}: ${error.message}`, { retryable: false })));
      child.on('close', (code) => {
        if (size > limit) return reject(new ExternalError('git', `git ${args[0]} wrote more than ${limit} bytes; narrow the range (base/head).`, { retryable: false }));
        if (code !== 0 && !options.allowFailure) return reject(new ExternalError('git', `git ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`, { status: code ?? undefined, retryable: false }));
        resolve({ code: code ?? 1, stdout: Buffer.concat(chunks) });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin ?? '');
    });
  }
}
