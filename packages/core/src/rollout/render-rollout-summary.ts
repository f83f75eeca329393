import { renderHealthSummary } from '../health/render-health-summary';
import { seriesOf, type HealthCheck } from '../health/health-history';
import type { MetricName } from '../health/measurement';
import { formatNumber } from '../health/rules/format';
import { escapeMarkdown, renderTimeline } from '../rollback/render-parts';
import { shortSha } from '../text/truncate';
import type { RolloutReport, RolloutResult, StageRecord } from './rollout-report';

const ICON: Record<RolloutResult, string> = { promoted: '✅', 'rolled-back': '↩️', paused: '⏸️', failed: '❌', requested: '📨' };
const OUTCOME: Record<StageRecord['outcome'], string> = { advanced: '✅ advanced', promoted: '✅ promoted', 'rolled-back': '↩️ rolled back', paused: '⏸️ paused', aborted: '⏹️ aborted', failed: '❌ failed', running: '… running' };

/** The job summary: result, stage timeline, a chart of canary against stable across stages, the deciding check and the timeline. */
export function renderRolloutSummary(report: RolloutReport): string {
  const stageRows = report.stages.map(
    (s) =>
      `| ${s.stage === 0 ? 'bake' : `${s.stage}/${report.totalStages}`} | ${s.weight} % | ${s.startedAt.slice(11, 19)} | ${s.endedAt ? `${Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000)} s` : '—'} | ${s.checks} | ${s.verdict ?? '—'} | ${s.successRate === undefined ? '—' : `${formatNumber(s.successRate)} %`} | ${OUTCOME[s.outcome]}${s.note ? ` — ${escapeMarkdown(s.note)}` : ''} |`,
  );
  const charts = [renderComparisonChart(report, 'error-rate', 'error rate %'), renderComparisonChart(report, 'latency-p95', 'p95 latency ms')].filter((c): c is string => c !== undefined);
  const health = report.assessment
    ? renderHealthSummary({ environment: report.environment, ...(report.deploymentId ? { deploymentId: report.deploymentId } : {}), verdict: report.assessment.verdict, assessment: report.assessment, history: report.history, verdicts: report.verdicts, track: 'canary', ...(report.baseline ? { baseline: report.baseline } : {}) })
        .split('\n')
        .slice(1)
    : [];
  return [
    `## Progressive deploy · \`${report.environment}\` · ${shortSha(report.sha)}${report.deploymentId ? ` · deployment #${report.deploymentId}` : ''} — ${ICON[report.result]} ${report.result}`,
    '',
    escapeMarkdown(report.message),
    ...(report.secondsToRestore !== undefined ? ['', `Traffic was back on stable ${formatNumber(report.secondsToRestore)} s after the canary first took traffic.`] : []),
    '',
    ...(stageRows.length
      ? ['### Stages', '| Stage | Canary weight | Started (UTC) | Took | Checks | Verdict | Canary success rate | Outcome |', '|---|---|---|---|---|---|---|---|', ...stageRows, '']
      : []),
    ...(charts.length ? ['### Canary against stable, check by check', ...charts, ''] : []),
    ...(health.length ? ['### The deciding check', ...health] : []),
    ...renderTimeline(report.timeline),
  ].join('\n');
}

/**
 * A mermaid xychart of one metric on both tracks at every check where the canary had a value; x labels carry the
 * stage (`s2 10:04:10`). At 100 % stable serves nothing, so its last value is carried on as the reference line.
 */
export function renderComparisonChart(report: Pick<RolloutReport, 'history' | 'checkStages'>, metric: MetricName, label: string): string | undefined {
  const points: { at: string; stage: number; canary: number; stable: number | undefined }[] = [];
  let stable: number | undefined;
  report.history.forEach((check, index) => {
    const one = [check] as HealthCheck[];
    const stableNow = seriesOf(one, metric, 'stable')[0]?.value;
    if (stableNow !== undefined) stable = stableNow;
    const canary = seriesOf(one, metric, 'canary')[0]?.value;
    if (canary !== undefined) points.push({ at: check.at, stage: report.checkStages[index] ?? 0, canary, stable });
  });
  const shown = points.slice(-40);
  if (shown.length === 0) return undefined;
  const stableLine = shown.map((p) => p.stable ?? 0);
  const top = Math.max(...shown.map((p) => p.canary), ...stableLine) * 1.1 || 1;
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${label}: canary (first line) against stable (second line)"`,
    `  x-axis [${shown.map((p) => `"${p.stage === 0 ? 'bake' : `s${p.stage}`} ${p.at.slice(11, 19)}"`).join(', ')}]`,
    `  y-axis "${label}" 0 --> ${formatNumber(top)}`,
    `  line [${shown.map((p) => Number(p.canary.toPrecision(6))).join(', ')}]`,
    `  line [${stableLine.map((v) => Number(v.toPrecision(6))).join(', ')}]`,
    '```',
  ].join('\n');
}
