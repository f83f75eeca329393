import { incidentLabels, incidentMarker, isEscalation, renderIncident, renderIncidentComment, type Policy, type RollbackOutcome } from '@safe-deploy/core';
import type { RollbackDeps } from './perform-rollback';

/** Opens the incident for this environment and bad commit, or comments on the one already open (never a duplicate). */
export async function openOrUpdateIncident(
  outcome: RollbackOutcome,
  deps: Pick<RollbackDeps, 'issues' | 'context'>,
  policy: Policy['rollback']['incident'],
): Promise<{ number: number; url: string; action: 'opened' | 'commented' }> {
  const marker = incidentMarker(outcome.plan.environment, outcome.plan.subject?.sha ?? 'unknown');
  const labels = incidentLabels(outcome, policy);
  const existing = await deps.issues.findOpenIssue(policy.labels, marker);
  if (existing) {
    await deps.issues.addComment(existing.number, renderIncidentComment(outcome, deps.context));
    if (isEscalation(outcome)) await deps.issues.addLabels(existing.number, labels);
    return { ...existing, action: 'commented' };
  }
  const { title, body } = renderIncident(outcome, deps.context);
  const created = await deps.issues.createIssue({ title, body, labels, assignees: policy.assignees });
  return { ...created, action: 'opened' };
}
