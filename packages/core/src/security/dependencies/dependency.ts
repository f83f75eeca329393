/** The package ecosystems the scanner reads lockfiles for, spelled as OSV spells them. */
export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io';

/** One resolved package read from a lockfile. */
export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Only installed for development (package-lock `dev`, pnpm `dev`, poetry `category = "dev"`). */
  dev?: boolean;
  /** The lockfile it was read from, as passed in. */
  file: string;
  /** 1-based line of the entry, where the format makes it cheap to know. */
  line?: number;
}

/** What a lockfile parser returns: what it could read, and a sentence for everything it could not. */
export interface LockfileParseResult {
  packages: Dependency[];
  problems: string[];
}

/** PEP 503 normalised PyPI name: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A lookup from character offset to 1-based line, built once per text (lockfiles can have 100k lines). */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
