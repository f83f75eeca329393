import { SCAN_SEVERITIES, type ScanFinding } from '../sarif/scan-finding';
import type { ScanProblem, ScanVerdict } from './assess-scan';

/** One annotation for the runner (`::error file=…,line=…::message`). */
export interface ScanAnnotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** GitHub shows at most 10 annotations of each type per step; more are dropped silently. */
export const ANNOTATIONS_PER_TYPE = 10;

/**
 * The annotations of a scan, within GitHub's limit per type. Decides by: blocking findings are errors, other new
 * findings and problems warnings (problems first: an incomplete scan matters more than one more finding), most
 * severe first; when a type has more than the limit, the last slot says how many more there are and where to see
 * them. Baselined findings are not annotated.
 */
export function planScanAnnotations(verdict: ScanVerdict, problems: readonly ScanProblem[], limit = ANNOTATIONS_PER_TYPE): ScanAnnotation[] {
  const errors = bySeverity(verdict.blocking).map((f) => annotate('error', f));
  const warnings = [
    ...problems.map((p): ScanAnnotation => ({ level: 'warning', title: `security-scan: ${p.part}${p.incomplete ? ' (incomplete)' : ''}`, message: p.message })),
    ...bySeverity(verdict.newFindings.filter((f) => !verdict.blocking.includes(f))).map((f) => annotate('warning', f)),
  ];
  return [...cap(errors, limit, 'error'), ...cap(warnings, limit, 'warning')];
}

function bySeverity(findings: readonly ScanFinding[]): ScanFinding[] {
  return [...findings].sort((a, b) => SCAN_SEVERITIES.indexOf(a.severity) - SCAN_SEVERITIES.indexOf(b.severity) || a.path.localeCompare(b.path) || a.line - b.line);
}

function annotate(level: 'error' | 'warning', f: ScanFinding): ScanAnnotation {
  return { level, title: `${f.severity} ${f.category}: ${f.ruleId}`, message: f.message, file: f.path, line: f.line, ...(f.column ? { column: f.column } : {}) };
}

function cap(annotations: ScanAnnotation[], limit: number, level: 'error' | 'warning'): ScanAnnotation[] {
  if (annotations.length <= limit) return annotations;
  const more = annotations.length - (limit - 1);
  return [
    ...annotations.slice(0, limit - 1),
    { level, title: `security-scan: ${more} more ${level === 'error' ? 'blocking findings' : 'warnings'}`, message: `${more} more ${level === 'error' ? 'blocking findings' : 'findings and problems'} are not annotated (GitHub shows ${limit} per type): see the job summary, the JSON report and the SARIF file.` },
  ];
}
