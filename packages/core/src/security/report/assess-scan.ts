import { atOrAbove, SCAN_SEVERITIES, type ScanCategory, type ScanFinding, type ScanSeverity } from '../sarif/scan-finding';

/** The severity at which new findings block, or `never` (report only). */
export type ScanFailOn = ScanSeverity | 'never';

/** Something the scan could not do; `incomplete` when a whole part of it did not run (e.g. no advisory source answered). */
export interface ScanProblem {
  part: 'files' | 'secrets' | 'patterns' | 'input-flow' | 'dependencies' | 'baseline';
  message: string;
  incomplete: boolean;
}

/** Findings counted by category and severity. */
export type ScanCounts = Record<ScanCategory, Record<ScanSeverity, number>> & { total: number; new: number; baselined: number; blocking: number };

/** Why the scan decided what it did: a machine code and a sentence. */
export interface ScanReason {
  code: 'blocking-findings' | 'incomplete' | 'new-findings-below-threshold' | 'scan-problems' | 'baselined-only' | 'clean';
  message: string;
}

/** The scan's decision, with what it rests on. */
export interface ScanVerdict {
  verdict: 'pass' | 'warn' | 'block';
  reasons: ScanReason[];
  /** Findings whose fingerprint the baseline does not accept. */
  newFindings: ScanFinding[];
  baselined: ScanFinding[];
  /** New findings at or above `failOn`: these block. */
  blocking: ScanFinding[];
  counts: ScanCounts;
}

const CATEGORIES: readonly ScanCategory[] = ['secret', 'dangerous-pattern', 'input-flow', 'vulnerable-dependency'];
const LABEL: Record<ScanCategory, string> = { secret: 'secret', 'dangerous-pattern': 'dangerous pattern', 'input-flow': 'unvalidated input flow', 'vulnerable-dependency': 'vulnerable dependency' };

/**
 * Decides whether the scan blocks. Decides by: the baseline (only findings it does not accept are new), `failOn`
 * (a new finding at or above it blocks), and problems — a part of the scan that did not run at all blocks when
 * `failOnIncomplete` (a scan that could not look must not read as clean), otherwise it warns; smaller problems
 * (a skipped file) warn. Nothing new and nothing wrong passes.
 */
export function assessScan(input: { findings: readonly ScanFinding[]; baseline: ReadonlySet<string>; failOn: ScanFailOn; problems: readonly ScanProblem[]; failOnIncomplete: boolean }): ScanVerdict {
  const newFindings = input.findings.filter((f) => !input.baseline.has(f.fingerprint));
  const baselined = input.findings.filter((f) => input.baseline.has(f.fingerprint));
  const failOn = input.failOn;
  const blocking = failOn === 'never' ? [] : newFindings.filter((f) => atOrAbove(f.severity, failOn));
  const reasons: ScanReason[] = [];
  if (blocking.length) reasons.push({ code: 'blocking-findings', message: `${describeCount(blocking)} at or above '${failOn}' that the baseline does not accept` });
  const incomplete = input.problems.filter((p) => p.incomplete);
  if (incomplete.length) reasons.push({ code: 'incomplete', message: `the scan is incomplete: ${incomplete.map((p) => p.message).join('; ')}` });
  const below = newFindings.length - blocking.length;
  if (below > 0) reasons.push({ code: 'new-findings-below-threshold', message: failOn === 'never' ? `${describeCount(newFindings)} (fail-on is 'never')` : `${describeCount(newFindings.filter((f) => !blocking.includes(f)))} below '${failOn}'` });
  const minor = input.problems.filter((p) => !p.incomplete);
  if (minor.length) reasons.push({ code: 'scan-problems', message: `${minor.length} problem${minor.length === 1 ? '' : 's'} while scanning (see the report)` });
  if (reasons.length === 0) reasons.push(baselined.length ? { code: 'baselined-only', message: `no new findings; ${baselined.length} accepted by the baseline` } : { code: 'clean', message: 'no findings' });
  const verdict = blocking.length || (incomplete.length && input.failOnIncomplete) ? 'block' : incomplete.length || below > 0 || minor.length ? 'warn' : 'pass';
  return { verdict, reasons, newFindings, baselined, blocking, counts: countFindings(input.findings, newFindings.length, baselined.length, blocking.length) };
}

function countFindings(findings: readonly ScanFinding[], fresh: number, baselined: number, blocking: number): ScanCounts {
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, Object.fromEntries(SCAN_SEVERITIES.map((s) => [s, 0]))])) as Record<ScanCategory, Record<ScanSeverity, number>>;
  for (const f of findings) counts[f.category][f.severity]++;
  return { ...counts, total: findings.length, new: fresh, baselined, blocking };
}

function describeCount(findings: readonly ScanFinding[]): string {
  const parts = CATEGORIES.flatMap((c) => {
    const n = findings.filter((f) => f.category === c).length;
    return n ? [`${n} ${LABEL[c]}${n === 1 ? '' : 's'}`] : [];
  });
  return `${findings.length} new finding${findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
