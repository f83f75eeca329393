import { escapeMarkdown } from '../rollback/render-parts';
import type { Baseline } from './baseline';
import type { HealthAssessment, HealthReason, HealthVerdict } from './health-assessment';
import { onlyProvider, seriesOf, type HealthCheck } from './health-history';
import type { Track } from './measurement';
import { formatNumber } from './rules/format';

const ICON: Record<HealthVerdict, string> = { healthy: '✅', degraded: '⚠️', unhealthy: '❌', inconclusive: '❔' };
const SEVERITY_ICON: Record<HealthReason['severity'], string> = { critical: '🔴', warning: '🟠', hold: '⚪', ok: '🟢' };

/** What was watched, for the summary and the evidence. */
export interface HealthReport {
  environment: string;
  deploymentId?: number;
  verdict: HealthVerdict;
  assessment: HealthAssessment;
  history: HealthCheck[];
  verdicts: { at: string; verdict: HealthVerdict }[];
  track: Track;
  baseline?: Baseline;
}

/** The evidence behind a verdict as JSON (the `evidence` output and the incident's appendix): reasons and the fired metrics' series. */
export function buildEvidence(report: HealthReport): Record<string, unknown> {
  const fired = report.assessment.reasons.filter((r) => r.severity === 'critical' || r.severity === 'warning');
  const sources = [...new Map(fired.map((r) => [`${r.metric}@${r.provider ?? ''}`, r])).values()];
  return {
    verdict: report.verdict,
    triggers: report.assessment.triggers,
    reasons: report.assessment.reasons
      .filter((r) => r.severity !== 'ok')
      .map(({ code, severity, metric, provider, source, value, baseline, threshold, test, sentence }) => ({ code, severity, metric, provider, source, value, baseline, threshold, ...(test ? { test } : {}), sentence })),
    // Keyed `metric@provider`: each provider's readings are a series of their own.
    series: Object.fromEntries(sources.map((r) => [`${r.metric}@${r.provider ?? ''}`, seriesOf(providerHistory(report.history, r.provider), r.metric, report.track).map((m) => [m.at, m.value])])),
    ...(report.baseline ? { baseline: report.baseline } : {}),
    checks: report.verdicts.length,
  };
}

/** A mermaid xychart of a fired metric's series with its baseline and threshold as flat lines. */
export function renderMetricChart(reason: HealthReason, history: HealthCheck[], track: Track): string | undefined {
  const series = seriesOf(providerHistory(history, reason.provider), reason.metric, track).slice(-40);
  if (series.length === 0) return undefined;
  const values = series.map((m) => m.value);
  const lines = [values];
  const legend = ['series'];
  if (reason.baseline !== null) {
    lines.push(values.map(() => reason.baseline as number));
    legend.push(`baseline ${formatNumber(reason.baseline)}`);
  }
  if (reason.threshold !== null) {
    lines.push(values.map(() => reason.threshold as number));
    legend.push(`threshold ${formatNumber(reason.threshold)}`);
  }
  const top = Math.max(...lines.flat()) * 1.1 || 1;
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${reason.metric} (${track}${reason.provider ? `, ${reason.provider}` : ''}): ${legend.join(', ')}"`,
    `  x-axis [${series.map((m) => `"${m.at.slice(11, 19)}"`).join(', ')}]`,
    `  y-axis "${series[0]?.unit ?? ''}" 0 --> ${formatNumber(top)}`,
    ...lines.map((line) => `  line [${line.map((v) => Number(v.toPrecision(6))).join(', ')}]`),
    '```',
  ].join('\n');
}

/** The job summary: the verdict, every reason, every check, and a chart per fired metric. */
export function renderHealthSummary(report: HealthReport): string {
  const { assessment } = report;
  const reasons = assessment.reasons.map(
    (r) =>
      `| ${SEVERITY_ICON[r.severity]} ${r.severity} | \`${r.code}\` | ${r.metric}${r.provider ? ` (${r.provider})` : ''} | ${r.value === null ? '—' : formatNumber(r.value)} | ${r.baseline === null ? '—' : formatNumber(r.baseline)} | ${r.threshold === null ? '—' : formatNumber(r.threshold)} | ${r.test ? `${r.test.name}${r.test.pValue !== undefined ? `, p=${r.test.pValue.toPrecision(2)}` : ''}` : '—'} | ${escapeMarkdown(r.sentence)} |`,
  );
  const metrics = [...new Set(report.history.flatMap((c) => c.measurements.filter((m) => m.track === report.track).map((m) => m.metric)))].slice(0, 6);
  const checks = report.history.map((check, i) => {
    const cells = metrics.map((metric) => {
      const m = check.measurements.find((x) => x.metric === metric && x.track === report.track);
      return !m ? '—' : m.kind === 'value' ? formatNumber(m.value) : m.kind;
    });
    return `| ${check.at.slice(11, 19)} | ${ICON[report.verdicts[i]?.verdict ?? 'inconclusive']} ${report.verdicts[i]?.verdict ?? ''} | ${cells.join(' | ')} |`;
  });
  const fired = assessment.reasons.filter((r) => r.severity === 'critical' || r.severity === 'warning');
  const charts = fired.map((r) => renderMetricChart(r, report.history, report.track)).filter((c): c is string => c !== undefined);
  return [
    `## Health watch · \`${report.environment}\`${report.deploymentId ? ` · deployment #${report.deploymentId}` : ''} — ${ICON[report.verdict]} ${report.verdict}`,
    '',
    fired.length ? `**Fired:** ${fired.map((r) => escapeMarkdown(r.sentence)).join(' ')}` : `**Why:** ${escapeMarkdown(assessment.reasons.find((r) => r.severity === 'hold')?.sentence ?? 'every rule passed.')}`,
    '',
    '### Reasons (latest check)',
    '| Severity | Rule | Metric | Value | Baseline | Threshold | Test | Why |',
    '|---|---|---|---|---|---|---|---|',
    ...reasons,
    '',
    `### Checks (${report.history.length})`,
    `| Time (UTC) | Verdict | ${metrics.join(' | ')} |`,
    `|---|---|${metrics.map(() => '---|').join('')}`,
    ...checks,
    '',
    ...(charts.length ? ['### Fired metrics', ...charts, ''] : []),
  ].join('\n');
}

function providerHistory(history: HealthCheck[], provider: string | undefined): HealthCheck[] {
  return provider === undefined ? history : onlyProvider(history, provider);
}
