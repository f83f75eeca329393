import { SUITE_VERSION } from '../../suite-version';
import type { ScanVerdict } from './assess-scan';
import type { ScanOutcome } from './scan-outcome';

/** The schema name of the JSON report. */
export const SCAN_REPORT_SCHEMA = 'safe-deploy/security-report';

/** The JSON report (`report-file`): the verdict, every finding marked new or baselined (no secret values), problems, skipped files and coverage. */
export function renderScanReport(verdict: ScanVerdict, outcome: ScanOutcome, at: string): string {
  const baselined = new Set(verdict.baselined);
  const blocking = new Set(verdict.blocking);
  return `${JSON.stringify(
    {
      schema: SCAN_REPORT_SCHEMA,
      version: 1,
      tool: { name: 'safe-deploy security-scan', version: SUITE_VERSION },
      at,
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      counts: verdict.counts,
      coverage: outcome.coverage,
      findings: outcome.findings.map((f) => ({ ...f, status: blocking.has(f) ? 'blocking' : baselined.has(f) ? 'baselined' : 'new' })),
      problems: outcome.problems,
      skipped: outcome.skipped,
    },
    null,
    2,
  )}\n`;
}

/** The verdict as the deploy step records it in the deployment's payload (`security-verdict` input of progressive-deploy): small, no secret values. */
export function renderScanVerdict(verdict: ScanVerdict): string {
  const vulnerabilities = [...verdict.newFindings, ...verdict.baselined]
    .filter((f) => f.category === 'vulnerable-dependency')
    .slice(0, 50)
    .map((f) => ({ id: f.ruleId, severity: f.severity, ...(f.package ? { package: f.package } : {}), path: f.path }));
  return JSON.stringify({
    verdict: verdict.verdict,
    reasons: verdict.reasons.map((r) => r.message),
    counts: { total: verdict.counts.total, new: verdict.counts.new, blocking: verdict.counts.blocking, baselined: verdict.counts.baselined },
    ...(vulnerabilities.length ? { vulnerabilities } : {}),
  });
}
