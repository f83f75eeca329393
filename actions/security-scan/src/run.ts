import type { ActionIO } from '@safe-deploy/action-kit';
import { assessScan, ConfigurationError, parseScanBaseline, planScanAnnotations, renderSarif, renderScanBaseline, renderScanReport, renderScanSummary, renderScanVerdict, SUITE_VERSION, type Policy, type ScanProblem } from '@safe-deploy/core';
import { runSecurityScan, type SecurityScanDeps } from '@safe-deploy/operations';
import type { ScanScope } from './resolve-scan-scope';
import type { SecurityScanInputs } from './security-scan-inputs';

/** The files the action reads and writes, relative to the workspace. */
export interface ScanFiles {
  /** The text of a file, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
}

/** What the step did, for tests. */
export interface SecurityScanActionResult {
  verdict: 'pass' | 'warn' | 'block';
  blocked: boolean;
}

const INFORMATION_URI = 'https://github.com/safe-deploy/safe-deploy-actions/tree/main/actions/security-scan';

/**
 * The action: scan, judge against the baseline and `fail-on`, write SARIF, the JSON report and (on request) a
 * baseline, annotate within GitHub's limits, summarise, set outputs, and fail the step when the verdict blocks.
 */
export async function runSecurityScanAction(inputs: SecurityScanInputs, policy: Policy, scope: ScanScope, deps: SecurityScanDeps & { files: ScanFiles; now: () => Date }, io: ActionIO): Promise<SecurityScanActionResult> {
  io.info(`Scanning ${scope.mode === 'tree' ? 'the working tree' : scope.mode === 'diff' ? `the lines added between ${scope.base} and ${scope.head}` : `the history of ${scope.base ? `${scope.base}..` : ''}${scope.head}`}${scope.why ? ` (${scope.why})` : ''}.`);
  const baselinePath = inputs.baseline ?? policy.security.baseline;
  const baselineText = await deps.files.read(baselinePath);
  if (baselineText === undefined && inputs.baseline && inputs.writeBaseline !== inputs.baseline) {
    throw new ConfigurationError(`input 'baseline'`, `the baseline file ${inputs.baseline} does not exist.`, 'Create it with write-baseline (then review and commit it), or leave baseline empty.');
  }
  const outcome = await runSecurityScan({ mode: scope.mode, ...(scope.base ? { base: scope.base } : {}), ...(scope.head ? { head: scope.head } : {}), parts: inputs.parts, security: policy.security }, deps);
  const baseline = baselineText === undefined ? { fingerprints: new Set<string>() } : parseScanBaseline(baselineText, baselinePath);
  const problems: ScanProblem[] = [...outcome.problems, ...(baseline.problem ? [{ part: 'baseline' as const, message: baseline.problem, incomplete: false }] : [])];
  const verdict = assessScan({ findings: outcome.findings, baseline: baseline.fingerprints, failOn: inputs.failOn ?? policy.security['block-on'], problems, failOnIncomplete: inputs.failOnIncomplete });
  const withProblems = { ...outcome, problems };

  await deps.files.write(inputs.sarifFile, `${JSON.stringify(renderSarif({ findings: outcome.findings, rules: outcome.rules, toolVersion: SUITE_VERSION, informationUri: INFORMATION_URI }), null, 2)}\n`);
  await deps.files.write(inputs.reportFile, renderScanReport(verdict, withProblems, deps.now().toISOString()));
  if (inputs.writeBaseline) {
    await deps.files.write(inputs.writeBaseline, renderScanBaseline(outcome.findings));
    io.info(`Wrote a baseline accepting ${outcome.findings.length} finding(s) to ${inputs.writeBaseline}: review it before committing it.`);
  }
  for (const annotation of planScanAnnotations(verdict, problems)) {
    io.annotate(annotation.level, annotation.message, { title: annotation.title, ...(annotation.file ? { file: annotation.file } : {}), ...(annotation.line ? { line: annotation.line } : {}), ...(annotation.column ? { column: annotation.column } : {}) });
  }
  await io.writeSummary(renderScanSummary(verdict, withProblems, { sarif: inputs.sarifFile, report: inputs.reportFile }));
  const blocked = verdict.verdict === 'block';
  io.setOutput('blocked', String(blocked));
  io.setOutput('verdict', renderScanVerdict(verdict));
  io.setOutput('findings', JSON.stringify(verdict.counts));
  io.setOutput('sarif-file', inputs.sarifFile);
  io.setOutput('report-file', inputs.reportFile);
  io.info(`Security scan: ${verdict.verdict} — ${verdict.reasons.map((r) => r.message).join('; ')}.`);
  if (blocked) io.setFailed(`Security scan blocked: ${verdict.reasons.filter((r) => r.code === 'blocking-findings' || r.code === 'incomplete').map((r) => r.message).join('; ')}.`);
  return { verdict: verdict.verdict, blocked };
}
