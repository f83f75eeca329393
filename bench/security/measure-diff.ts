// Times the diff scan as the action runs it: parse the added lines, then scan each changed file's head text with a line filter.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAddedLines, scanPatterns, scanSecrets } from '@safe-deploy/core';
import type { BuiltDiff } from './build-diff';
import { median } from './measure-throughput';

/** An extra scanner run on the same files (the input-flow scanner, once it exists). */
export type FileScanner = (path: string, text: string, lineFilter: (line: number) => boolean) => Promise<number>;

/** One pass: parse, (optionally read,) scan. Returns the findings and the parse time. */
async function scanDiff(built: BuiltDiff, read: boolean, extra?: FileScanner): Promise<{ findings: number; parseMs: number }> {
  const started = performance.now();
  const added = parseAddedLines(built.diff);
  const parseMs = performance.now() - started;
  let findings = 0;
  for (const [file, lines] of added) {
    const text = read ? await readFile(path.join(built.headDirectory, file), 'utf8') : built.head.get(file);
    if (text === undefined) continue;
    const lineFilter = (line: number): boolean => lines.has(line);
    findings += scanSecrets(text, { path: file, lineFilter }).length + scanPatterns(text, { path: file, lineFilter }).length;
    if (extra) findings += await extra(file, text, lineFilter);
  }
  return { findings, parseMs };
}

/** The diff figures: a cold first pass from disk, then `runs` passes from disk and `runs` from memory. */
export async function measureDiff(built: BuiltDiff, runs: number, extra?: FileScanner) {
  const time = async (read: boolean) => {
    const started = performance.now();
    const result = await scanDiff(built, read, extra);
    return { ms: performance.now() - started, ...result };
  };
  const cold = await time(true);
  const fromDisk: number[] = [];
  const inMemory: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    fromDisk.push((await time(true)).ms);
    const m = await time(false);
    inMemory.push(m.ms);
    parse.push(m.parseMs);
  }
  const added = parseAddedLines(built.diff);
  return {
    coldMs: cold.ms,
    medianWithReadMs: median(fromDisk),
    medianMs: median(inMemory),
    parseMs: median(parse),
    findings: cold.findings,
    files: added.size,
    addedLines: [...added.values()].reduce((sum, lines) => sum + lines.size, 0),
  };
}
