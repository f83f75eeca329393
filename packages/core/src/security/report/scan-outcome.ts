import type { ScanFinding, ScanRule } from '../sarif/scan-finding';
import type { ScanProblem } from './assess-scan';

/** How much the scan looked at, for the summary and the report. */
export interface ScanCoverage {
  mode: 'tree' | 'diff' | 'history';
  /** Files read (tree), files changed (diff), or file changes read across commits (history). */
  files: number;
  bytes: number;
  /** History mode: commits read. */
  commits?: number;
  lockfiles: string[];
  dependencies: number;
  /** The advisory sources asked, by name. */
  advisorySources: string[];
  /** Files the syntax-aware input-flow analysis read. */
  parsedFiles: number;
  /** Files of a parsed language left out of the input-flow analysis: minified (lines over 1,000 characters on average) or over 512 KiB. Secrets and patterns were still scanned. */
  unparsed: string[];
  base?: string;
  head?: string;
}

/** A file the scan did not read, and why. */
export interface ScanSkippedFile {
  path: string;
  reason: string;
  detail: string;
}

/** Everything the scanners produced, before the verdict. */
export interface ScanOutcome {
  findings: ScanFinding[];
  /** Rules of every category that ran (built-in, the policy's, and advisories that matched), for SARIF. */
  rules: ScanRule[];
  problems: ScanProblem[];
  skipped: ScanSkippedFile[];
  coverage: ScanCoverage;
}
