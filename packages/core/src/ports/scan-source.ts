import type { CommitPatch } from '../security/diff/parse-added-text';
import type { ScanSkippedFile } from '../security/report/scan-outcome';

/** A text file as the scan reads it: path relative to the repository root (forward slashes), text, size. */
export interface ScannedFile {
  path: string;
  text: string;
  bytes: number;
}

/** A file a change touched: its text at `head` and the lines the change added. */
export interface ChangedFile extends ScannedFile {
  added: ReadonlySet<number>;
}

/** Where the security scan reads source from: the working tree, a change between two commits, or history. */
export interface ScanSource {
  /** Every text file of the working tree; what cannot be read is in `skipped` with the reason. */
  readTree(): Promise<{ files: ScannedFile[]; skipped: ScanSkippedFile[] }>;
  /** Files with lines added between `base` (the merge base with it) and `head`, with head's text. */
  readChanges(base: string, head: string): Promise<{ files: ChangedFile[]; skipped: ScanSkippedFile[]; base: string; head: string }>;
  /** A file's text at a commit; undefined when the file did not exist there. */
  readFileAt(commit: string, path: string): Promise<string | undefined>;
  /** The commits in `base..head` (all of head's history without base), newest first, with the lines each added. */
  readHistory(base: string | undefined, head: string): Promise<CommitPatch[]>;
}
