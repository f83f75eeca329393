import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeSourceText } from './decode-source-text';

/** A file the scan can read: its path relative to the root (forward slashes) and its text. */
export interface SourceFile {
  path: string;
  text: string;
  bytes: number;
}

/** A file the scan did not read, and why (reported, never silently dropped). */
export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'invalid-utf8' | 'symlink-outside' | 'unreadable';
  detail: string;
}

/** How to walk: directories never entered, and the largest file read. */
export interface SourceTreeOptions {
  /** Directory names never entered (default `.git`, `node_modules`). */
  skipDirectories?: readonly string[];
  /** Larger files are skipped as `too-large` (default 5 MiB). */
  maxFileBytes?: number;
}


/**
 * Walks `root` and reads every text file, in path order. Binary files (a NUL byte in the first 8 KiB), files
 * over `maxFileBytes`, invalid UTF-8, symlinks that leave the tree and unreadable files are reported in `skipped`
 * with the reason — the scan says what it did not look at instead of passing it silently. Symlinks inside the tree
 * are followed once (a file reached twice is read once).
 */
export async function readSourceTree(root: string, options: SourceTreeOptions = {}): Promise<{ files: SourceFile[]; skipped: SkippedFile[] }> {
  const skipDirectories = new Set(options.skipDirectories ?? ['.git', 'node_modules']);
  const maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  const rootReal = await realpath(root);
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>();

  const walk = async (directory: string): Promise<void> => {
    let entries: string[];
    try {
      entries = (await readdir(directory)).sort();
    } catch (error) {
      skipped.push({ path: relative(root, directory), reason: 'unreadable', detail: describe(error) });
      return;
    }
    for (const name of entries) {
      const absolute = path.join(directory, name);
      const shown = relative(root, absolute);
      let info = await lstat(absolute).catch((error: unknown) => error as Error);
      if (info instanceof Error) {
        skipped.push({ path: shown, reason: 'unreadable', detail: describe(info) });
        continue;
      }
      if (info.isSymbolicLink()) {
        const target = await realpath(absolute).catch(() => undefined);
        if (!target || (target !== rootReal && !target.startsWith(`${rootReal}${path.sep}`))) {
          skipped.push({ path: shown, reason: 'symlink-outside', detail: target ? `points outside the tree, to ${target}` : 'points at nothing' });
          continue;
        }
        if (visited.has(target)) continue;
        info = await stat(absolute);
      }
      const real = await realpath(absolute).catch(() => absolute);
      if (visited.has(real)) continue;
      visited.add(real);
      if (info.isDirectory()) {
        if (!skipDirectories.has(name)) await walk(absolute);
        continue;
      }
      if (!info.isFile()) continue;
      if (info.size > maxFileBytes) {
        skipped.push({ path: shown, reason: 'too-large', detail: `${info.size} bytes, over the ${maxFileBytes}-byte limit` });
        continue;
      }
      const read = await readText(absolute);
      if ('reason' in read) skipped.push({ path: shown, ...read });
      else files.push({ path: shown, text: read.text, bytes: read.bytes });
    }
  };
  await walk(root);
  return { files, skipped };
}

async function readText(file: string): Promise<{ text: string; bytes: number } | { reason: SkippedFile['reason']; detail: string }> {
  let buffer: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { reason: 'unreadable', detail: describe(error) };
  }
  const decoded = decodeSourceText(buffer);
  return 'reason' in decoded ? decoded : { text: decoded.text, bytes: buffer.length };
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
