/** How bad a finding is; `fail-on` blocks at or above a level. */
export type ScanSeverity = 'critical' | 'high' | 'medium' | 'low';

/** The four things the security scan looks for, one SARIF run (and code-scanning category) each. */
export type ScanCategory = 'secret' | 'dangerous-pattern' | 'input-flow' | 'vulnerable-dependency';

/** One finding of any scanner, in the shape reports are rendered from. Never carries a secret's value. */
export interface ScanFinding {
  category: ScanCategory;
  ruleId: string;
  severity: ScanSeverity;
  /** Why it is dangerous and how to fix it. */
  message: string;
  /** Relative to the repository root, with forward slashes. */
  path: string;
  line: number;
  column?: number;
  endColumn?: number;
  /** Stable across runs and line moves (e.g. sha256 of rule, path and the matched value): baselines and SARIF match on it. */
  fingerprint: string;
  /** Secrets only: the first characters and the length (`ghp_…(40)`), never the value. */
  redacted?: string;
  /** Vulnerable dependencies only: `name@version`. */
  package?: string;
  /** History mode: the commit that added it. */
  commit?: string;
}

/** What a report says about a rule. */
export interface ScanRule {
  id: string;
  category: ScanCategory;
  severity: ScanSeverity;
  /** One line. */
  description: string;
  /** How to fix it, markdown. */
  help?: string;
}

/** Severity order, most severe first. */
export const SCAN_SEVERITIES: readonly ScanSeverity[] = ['critical', 'high', 'medium', 'low'];

/** Whether `severity` is at or above `threshold`. */
export function atOrAbove(severity: ScanSeverity, threshold: ScanSeverity): boolean {
  return SCAN_SEVERITIES.indexOf(severity) <= SCAN_SEVERITIES.indexOf(threshold);
}
