import { parseAddedText, type ChangedFile, type CommitPatch, type ScanSkippedFile, type ScanSource, type ScannedFile } from '@safe-deploy/core';

/** A commit of the in-memory repository: its files' full text. */
export interface InMemoryCommit {
  sha: string;
  files: Record<string, string>;
}

/**
 * A scan source over commits held in memory, in order (oldest first). Changes and history are computed by
 * comparing whole lines of consecutive snapshots (a line that did not exist at that position before is added) —
 * enough for tests of what the scan does with added lines, not a diff algorithm.
 */
export class InMemoryScanSource implements ScanSource {
  constructor(
    private readonly commits: InMemoryCommit[],
    private readonly skipped: ScanSkippedFile[] = [],
  ) {}

  async readTree(): Promise<{ files: ScannedFile[]; skipped: ScanSkippedFile[] }> {
    const head = this.commits.at(-1);
    return { files: Object.entries(head?.files ?? {}).map(([path, text]) => ({ path, text, bytes: Buffer.byteLength(text) })), skipped: this.skipped };
  }

  async readChanges(base: string, head: string): Promise<{ files: ChangedFile[]; skipped: ScanSkippedFile[]; base: string; head: string }> {
    const from = this.commit(base);
    const to = this.commit(head);
    const files = Object.entries(to.files).flatMap(([path, text]) => {
      const added = addedLines(from.files[path], text);
      return added.size ? [{ path, text, bytes: Buffer.byteLength(text), added }] : [];
    });
    return { files, skipped: this.skipped, base: from.sha, head: to.sha };
  }

  async readFileAt(commit: string, path: string): Promise<string | undefined> {
    return this.commit(commit).files[path];
  }

  async readHistory(base: string | undefined, head: string): Promise<CommitPatch[]> {
    const end = this.commits.indexOf(this.commit(head));
    const start = base ? this.commits.indexOf(this.commit(base)) + 1 : 0;
    const patches: CommitPatch[] = [];
    for (let i = start; i <= end; i++) {
      const before = i > 0 ? this.commits[i - 1]!.files : {};
      const commit = this.commits[i]!;
      const diff = Object.entries(commit.files)
        .map(([path, text]) => {
          const lines = text.split('\n');
          const added = [...addedLines(before[path], text)].sort((a, b) => a - b);
          return [`diff --git a/${path} b/${path}`, `+++ b/${path}`, ...added.map((n) => `@@ -0,0 +${n} @@\n+${lines[n - 1]}`)].join('\n');
        })
        .join('\n');
      patches.push({ sha: commit.sha, added: parseAddedText(diff) });
    }
    return patches.reverse();
  }

  private commit(ref: string): InMemoryCommit {
    const found = ref === 'HEAD' ? this.commits.at(-1) : this.commits.find((c) => c.sha === ref);
    if (!found) throw new Error(`no commit ${ref} in the in-memory repository`);
    return found;
  }
}

function addedLines(before: string | undefined, after: string): Set<number> {
  const old = before?.split('\n') ?? [];
  return new Set(
    after
      .split('\n')
      .flatMap((line, i) => (old[i] === line ? [] : [i + 1])),
  );
}
