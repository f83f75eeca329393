import { assessTargetSecurity } from './assess-target-security';
import { shortSha } from '../text/truncate';
import { environmentPageUrl, type RunContext } from './run-context';
import type { RollbackOutcome } from './rollback-outcome';
import { renderTimeline, renderCommits } from './render-parts';

/** The hidden marker that identifies one incident per environment and bad commit (found by label + marker, never by title). */
export function incidentMarker(environment: string, badSha: string): string {
  return `<!-- safe-deploy:incident environment=${JSON.stringify(environment)} bad-sha=${badSha} -->`;
}

/** Whether an outcome must escalate: the restore did not bring service back. */
export function isEscalation(outcome: RollbackOutcome): boolean {
  return outcome.result === 'failed';
}

/** Labels for the incident: the policy's, a severity, and escalation labels when the restore failed. */
export function incidentLabels(outcome: RollbackOutcome, policy: { labels: string[]; severity: string; 'escalation-labels': string[] }): string[] {
  const severity = isEscalation(outcome) ? 'S1' : policy.severity;
  const labels = [...policy.labels, `severity:${severity}`, ...(isEscalation(outcome) ? policy['escalation-labels'] : [])];
  return [...new Set(labels)];
}

/** Title, body and labels of a new incident issue. */
export function renderIncident(outcome: RollbackOutcome, context: RunContext): { title: string; body: string } {
  const { plan } = outcome;
  const bad = plan.subject;
  const badSha = bad?.sha ?? 'unknown';
  const title = `Incident: rollback of ${plan.environment} from ${shortSha(badSha)}${isEscalation(outcome) ? ' — FAILED, restored version unhealthy' : ''}`;
  const security = assessTargetSecurity(plan.target);
  const lines = [
    incidentMarker(plan.environment, badSha),
    `## ${isEscalation(outcome) ? '🚨 Rollback did not restore service' : 'Rollback'} in \`${plan.environment}\``,
    '',
    ...escalationText(outcome),
    `**Result:** \`${outcome.result}\` — ${outcome.message}`,
    `**Reason:** ${plan.reason}`,
    `**Trigger:** ${plan.trigger}${context.actor ? ` (by @${context.actor}, event \`${context.event}\`)` : ` (event \`${context.event}\`)`}`,
    '',
    '| | Deployment | Commit | Ref |',
    '|---|---|---|---|',
    `| Bad | ${bad ? `#${bad.id}` : '—'} | \`${shortSha(badSha)}\` | ${bad?.ref ?? '—'} |`,
    `| Restored to | ${plan.target.deployment ? `#${plan.target.deployment.id}` : '—'} (${plan.target.source}) | \`${shortSha(plan.target.sha)}\` | ${plan.target.ref} |`,
    ...(outcome.rollbackDeployment ? [`| Rollback deployment | #${outcome.rollbackDeployment.id} | \`${shortSha(plan.target.sha)}\` | |`] : []),
    '',
    ...(security ? ['### ⚠️ Security of the restored version', security, ''] : []),
    ...renderCommits(plan.commits, plan.commitsTotal, 'Commits being undone'),
    ...(plan.evidence ? ['### Evidence', plan.evidence, ''] : []),
    ...renderVerification(outcome),
    ...renderTimeline(outcome.timeline),
    '### Links',
    `- Workflow run: ${context.runUrl}`,
    `- Deployments of \`${plan.environment}\`: ${environmentPageUrl(context, plan.environment)}`,
    ...(bad ? [`- Bad deployment record: ${bad.url}`] : []),
    ...(outcome.rollbackDeployment ? [`- Rollback deployment record: ${outcome.rollbackDeployment.url}`] : []),
    '',
    '### Action items',
    ...(isEscalation(outcome)
      ? ['- [ ] Restore service by hand: the previous version does not come up healthy either', '- [ ] Check shared dependencies (database, network, configuration, third parties) — a systemic cause is likely']
      : ['- [ ] Confirm the restored version serves users correctly']),
    '- [ ] Find the root cause of the bad deployment and write the post-mortem',
    '- [ ] Add a test, check or alert that would have caught it earlier',
    '- [ ] Ship the fix through the normal pipeline (preflight → canary)',
    '',
  ];
  return { title, body: lines.join('\n') };
}

/** A comment for an incident that is already open for the same environment and bad commit. */
export function renderIncidentComment(outcome: RollbackOutcome, context: RunContext): string {
  return [
    `### Another rollback run: \`${outcome.result}\``,
    '',
    ...escalationText(outcome),
    `${outcome.message}`,
    '',
    `**Reason:** ${outcome.plan.reason} · **Trigger:** ${outcome.plan.trigger} · **Run:** ${context.runUrl}`,
    ...(outcome.rollbackDeployment ? [`**Rollback deployment:** #${outcome.rollbackDeployment.id}`] : []),
    '',
    ...renderVerification(outcome),
    ...renderTimeline(outcome.timeline),
  ].join('\n');
}

function escalationText(outcome: RollbackOutcome): string[] {
  if (!isEscalation(outcome)) return [];
  const why =
    outcome.code === 'verification-failed'
      ? 'The previous version was restored but is **unhealthy too**. A release that was good before failing now points to a systemic problem (infrastructure, a dependency, data or configuration), not only the bad release.'
      : 'The restore did not complete, so the bad release may still be serving.';
  return [`> [!CAUTION]`, `> ${why} Escalated.`, ''];
}

function renderVerification(outcome: RollbackOutcome): string[] {
  const verification = outcome.verification;
  if (!verification) return [];
  const last = verification.probes.at(-1);
  return [
    '### Health verification',
    `${verification.healthy ? '✅' : '❌'} ${verification.reason}`,
    ...(last ? [`Last probe of ${verification.url}: ${last.status !== undefined ? `HTTP ${last.status}` : last.error ?? 'no answer'} in ${last.latencyMs} ms at ${last.at}`] : []),
    '',
  ];
}
