import { incidentMarker } from '../rollback/render-incident';
import { environmentPageUrl, type RunContext } from '../rollback/run-context';
import { shortSha } from '../text/truncate';
import type { RolloutReport } from './rollout-report';
import { renderRolloutSummary } from './render-rollout-summary';

/** The label a paused rollout's incident carries: a person has to decide. */
export const NEEDS_DECISION_LABEL = 'needs-decision';

/**
 * The incident a rollout opens itself: when it pauses for a decision (seed 000: 80–94 % success, "alert with
 * details, await decision"), or when it failed with no earlier release to record a rollback to. Carries how to
 * decide, the stage timeline and the evidence.
 */
export function renderRolloutIncident(report: RolloutReport, context: RunContext): { title: string; body: string; marker: string } {
  const marker = incidentMarker(report.environment, report.sha);
  const paused = report.result === 'paused';
  const stage = report.stages.at(-1);
  const where = stage ? `stage ${stage.stage === 0 ? 'bake' : `${stage.stage}/${report.totalStages}`} (${stage.weight} %)` : 'before any traffic moved';
  const title = paused
    ? `Decision needed: rollout of ${shortSha(report.sha)} to ${report.environment} paused at ${where}`
    : `Incident: rollout of ${shortSha(report.sha)} to ${report.environment} failed at ${where}`;
  const decide = paused
    ? [
        '### Decide',
        `The canary keeps its current share of traffic until someone decides. Run the deploy workflow (workflow_dispatch) with \`operation: promote\` to continue to 100 %, or \`operation: abort\` to put all traffic back on stable and roll back. Running the deploy again with the same commit re-examines the stage.`,
        '',
      ]
    : [];
  const body = [
    marker,
    `**${paused ? 'Paused' : 'Failed'}:** ${report.message}`,
    '',
    `- Environment: [${report.environment}](${environmentPageUrl(context, report.environment)})${report.deploymentId ? `, deployment #${report.deploymentId}` : ''}`,
    `- Commit: \`${report.sha}\``,
    `- Run: ${context.runUrl}${context.actor ? ` (triggered by @${context.actor})` : ''}`,
    '',
    ...decide,
    renderRolloutSummary(report).split('\n').slice(2).join('\n'),
  ].join('\n');
  return { title, body, marker };
}
