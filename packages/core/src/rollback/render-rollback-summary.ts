import { assessTargetSecurity } from './assess-target-security';
import { shortSha } from '../text/truncate';
import type { RollbackOutcome } from './rollback-outcome';
import { escapeMarkdown, renderCommits, renderTimeline } from './render-parts';

const HEADLINE: Record<RollbackOutcome['result'], string> = {
  'rolled-back': '✅ rolled back',
  noop: '⏸️ nothing to do',
  'dry-run': '📝 dry run — nothing was changed',
  failed: '❌ failed',
};

/** The job summary: the plan or outcome table, why this target, commits, commands, verification and the timeline. */
export function renderRollbackSummary(outcome: RollbackOutcome): string {
  const { plan } = outcome;
  const bad = plan.subject;
  const rows = [
    '| | Deployment | Commit | State |',
    '|---|---|---|---|',
    `| Bad (rolled back) | ${bad ? `#${bad.id}` : '—'} | ${bad ? `\`${shortSha(bad.sha)}\`` : '—'} | ${outcome.rollbackDeployment ? 'failure (marked by this run)' : (bad?.statuses[0]?.state ?? '—')} |`,
    `| Target (${plan.target.source}) | ${plan.target.deployment ? `#${plan.target.deployment.id}` : '—'} | \`${shortSha(plan.target.sha)}\` ${escapeMarkdown(plan.target.ref)} | ${plan.target.deployment?.statuses[0]?.state ?? '—'} |`,
    ...(outcome.rollbackDeployment ? [`| Rollback deployment | #${outcome.rollbackDeployment.id} | \`${shortSha(plan.target.sha)}\` | ${outcome.result === 'rolled-back' ? 'success' : 'failure'} |`] : []),
  ];
  const why =
    plan.target.source === 'explicit'
      ? `Target named explicitly (\`to\`).`
      : `#${plan.target.deployment?.id ?? '?'} is the newest deployment before ${bad ? `#${bad.id}` : 'the current one'} that succeeded and was never marked bad.`;
  const skipped = plan.skipped.length
    ? ` Passed over: ${plan.skipped.map((s) => `#${s.deployment.id} (${escapeMarkdown(s.reason)})`).join(', ')}.`
    : '';
  const commands = plan.commands.length
    ? [
        '### Commands',
        '| Step | Command | Attempts | Result |',
        '|---|---|---|---|',
        ...plan.commands.map(({ name, command }) => {
          const attempts = outcome.attempts.filter((a) => a.name === name);
          const last = attempts.at(-1);
          const result = !last ? (outcome.result === 'dry-run' || outcome.result === 'noop' ? 'would run' : 'not run') : last.result.timedOut ? 'timed out' : `exit ${last.result.exitCode}`;
          return `| ${name} | \`${escapeMarkdown(command.text)}\` | ${attempts.length} | ${result} |`;
        }),
        '',
      ]
    : ['### Commands', 'None configured: the rollback is recorded in GitHub; whatever deploys on deployment events performs it.', ''];
  const failedOutput = outcome.attempts.filter((a) => a.result.exitCode !== 0 || a.result.timedOut).at(-1);
  const output = failedOutput
    ? ['<details><summary>Output of the last failed command</summary>', '', '```', failedOutput.result.outputTail, '```', '</details>', '']
    : [];
  const verification = outcome.verification
    ? ['### Health verification', `${outcome.verification.healthy ? '✅' : '❌'} ${escapeMarkdown(outcome.verification.reason)}`, '']
    : [];
  const security = assessTargetSecurity(plan.target);
  const incident = outcome.incident ? [`Incident: #${outcome.incident.number} (${outcome.incident.action}) ${outcome.incident.url}`, ''] : [];
  return [
    `## Rollback · \`${plan.environment}\` — ${HEADLINE[outcome.result]}`,
    '',
    `**${outcome.code}:** ${escapeMarkdown(outcome.message)}`,
    '',
    `**Reason:** ${escapeMarkdown(plan.reason)} · **Trigger:** ${plan.trigger}`,
    '',
    ...rows,
    '',
    `**Why this target:** ${why}${skipped}`,
    '',
    ...(security ? [`> [!WARNING]`, `> ${escapeMarkdown(security)}`, ''] : []),
    ...renderCommits(plan.commits, plan.commitsTotal, 'Commits undone'),
    ...commands,
    ...output,
    ...verification,
    ...incident,
    ...renderTimeline(outcome.timeline),
  ].join('\n');
}
