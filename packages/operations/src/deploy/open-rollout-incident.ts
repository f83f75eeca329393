import { NEEDS_DECISION_LABEL, renderRolloutIncident, type Policy, type RolloutReport } from '@safe-deploy/core';
import type { RollbackDeps } from '../rollback/perform-rollback';

/**
 * Opens the incident of a paused rollout (labelled `needs-decision`) or of a failed first release, or comments on
 * the one already open for this environment and commit, so a resumed rollout that pauses again does not duplicate it.
 */
export async function openRolloutIncident(
  report: RolloutReport,
  deps: Pick<RollbackDeps, 'issues' | 'context'>,
  policy: Policy['rollback']['incident'],
): Promise<{ number: number; url: string; action: 'opened' | 'commented' }> {
  const { title, body, marker } = renderRolloutIncident(report, deps.context);
  const labels = [...new Set([...policy.labels.filter((l) => l !== 'rollback' || report.result !== 'paused'), ...(report.result === 'paused' ? [NEEDS_DECISION_LABEL] : []), `severity:${policy.severity}`])];
  const existing = await deps.issues.findOpenIssue(labels.filter((l) => !l.startsWith('severity:')), marker);
  if (existing) {
    await deps.issues.addComment(existing.number, `${title}\n\n${body.replace(marker, '')}`);
    return { ...existing, action: 'commented' };
  }
  const created = await deps.issues.createIssue({ title, body, labels, assignees: policy.assignees });
  return { ...created, action: 'opened' };
}
