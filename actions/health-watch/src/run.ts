import type { ActionIO } from '@safe-deploy/action-kit';
import {
  assessObservationWindow,
  buildEvidence,
  captureBaseline,
  ConfigurationError,
  decideHealthAction,
  formatNumber,
  recordObservation,
  whyNothingToObserve,
  renderHealthSummary,
  renderRollbackSummary,
  truncate,
  type DeploymentRecord,
  type MetricsProvider,
  type Policy,
  type RollbackOutcome,
} from '@safe-deploy/core';
import { performRollback, readEnvironmentState, watchHealth, type RollbackDeps, type WatchOutcome } from '@safe-deploy/operations';
import { buildHandOverRequest, buildWatchRequest } from './build-watch-plan';
import type { HealthWatchInputs } from './health-watch-inputs';

/** What health-watch needs: the rollback's dependencies (GitHub, commands, probe, clock) plus the metrics providers. */
export interface HealthWatchDeps extends RollbackDeps {
  providers: MetricsProvider[];
}

/** Watches the deployment, records what it saw, acts on `on-unhealthy`, and reports outputs and summary. */
export async function runHealthWatch(inputs: HealthWatchInputs, policy: Policy, workspace: string, deps: HealthWatchDeps, io: ActionIO): Promise<{ watch: WatchOutcome | undefined; rollback?: RollbackOutcome }> {
  const deployment = await findDeployment(inputs, policy, deps);
  if (!deployment) io.warning(`'${inputs.environment}' has no deployment to record the watch on; watching without recording.`);
  const window = inputs.mode === 'observe' && deployment ? assessObservationWindow(deployment, deps.clock.now(), policy.health['observation-window']) : undefined;
  const skip = inputs.mode === 'observe' ? whyNothingToObserve(inputs.environment, deployment, window) : undefined;
  if (skip) {
    io.setOutput('verdict', window?.state === 'hardened' ? 'healthy' : 'inconclusive');
    io.setOutput('deployment-id', deployment?.id ?? '');
    await io.writeSummary(`## Observation window · \`${inputs.environment}\`\n\nNothing to observe: ${skip}.`);
    io.info(`Nothing to observe: ${skip}.`);
    return { watch: undefined };
  }
  const remaining = window && window.state !== 'not-released' && window.state !== 'hardened' ? window.windowSeconds - window.elapsedSeconds : undefined;
  const watch = await watchHealth(buildWatchRequest(inputs, policy, deployment, remaining), deps);
  if (inputs.mode === 'baseline') return reportBaseline(inputs, deployment, watch, io);
  const report = { environment: inputs.environment, ...(deployment ? { deploymentId: deployment.id } : {}), verdict: watch.verdict, assessment: watch.assessment, history: watch.history, verdicts: watch.verdicts, track: 'current' as const, ...(inputs.baseline ?? deployment?.payload?.baseline ? { baseline: inputs.baseline ?? deployment?.payload?.baseline } : {}) };
  const summary = renderHealthSummary(report);
  const action = decideHealthAction(watch.verdict, watch.assessment, inputs.onUnhealthy, watch.history.length);
  if (deployment && action.status) {
    let description = action.status.description;
    // The window's progress lives in the record, so the next scheduled run resumes from it.
    if (window && (window.state === 'observing' || window.state === 'complete') && watch.verdict === 'healthy') {
      description = recordObservation(window, deps.clock.now(), watch.history.length, inputs.intervalSeconds);
    }
    await deps.store.createStatus(deployment.id, { ...action.status, description, logUrl: deps.context.runUrl });
  }
  let rollback: RollbackOutcome | undefined;
  if (action.rollback && deployment) {
    const fired = watch.assessment.reasons.filter((r) => r.severity === 'critical').map((r) => r.sentence);
    const reason = truncate(`Health watch: ${fired.join(' ')}`, 300);
    const evidence = summary.split('\n').slice(2).join('\n');
    rollback = await performRollback(buildHandOverRequest(inputs, policy, deployment, reason, evidence, workspace), deps);
  }
  io.setOutput('verdict', watch.verdict);
  io.setOutput('triggers', JSON.stringify(watch.assessment.triggers));
  io.setOutput('evidence', JSON.stringify(buildEvidence(report)));
  io.setOutput('should-rollback', String(watch.assessment.shouldRollback));
  io.setOutput('deployment-id', deployment?.id ?? '');
  io.setOutput('rollback-result', rollback?.result ?? '');
  io.setOutput('incident-issue', rollback?.incident?.number ?? '');
  await io.writeSummary(rollback ? `${summary}\n\n${renderRollbackSummary(rollback)}` : summary);
  if (action.failStep) io.setFailed(`Unhealthy: ${watch.assessment.reasons.filter((r) => r.severity === 'critical').map((r) => r.sentence).join(' ')}`);
  else if (rollback?.result === 'failed') io.setFailed(`Unhealthy, and the rollback failed (${rollback.code}): ${rollback.message}`);
  else io.info(`Health watch verdict: ${watch.verdict}${rollback ? `; rollback ${rollback.result}` : ''}`);
  return { watch, ...(rollback ? { rollback } : {}) };
}

/** Mode `baseline`: what the live version looks like now, to store with the next deployment (seed 003's baseline). */
async function reportBaseline(inputs: HealthWatchInputs, deployment: DeploymentRecord | undefined, watch: WatchOutcome, io: ActionIO): Promise<{ watch: WatchOutcome }> {
  const baseline = captureBaseline(watch.history, 'current', deployment?.id);
  io.setOutput('verdict', watch.verdict);
  io.setOutput('baseline', baseline ? JSON.stringify(baseline) : '');
  io.setOutput('deployment-id', deployment?.id ?? '');
  const rows = Object.entries(baseline?.metrics ?? {}).map(([metric, value]) => `| ${metric} | ${formatNumber(value)} |`);
  await io.writeSummary(
    [
      `## Baseline · \`${inputs.environment}\`${deployment ? ` · deployment #${deployment.id}` : ''}`,
      '',
      baseline ? `Median of ${watch.history.length} checks over ${baseline['window-seconds']} s${baseline.counts ? `; ${formatNumber(baseline.counts.requests)} requests, ${formatNumber(baseline.counts.errors)} errors` : ''}.` : 'No metric could be read: no baseline.',
      '',
      '| Metric | Baseline |',
      '|---|---|',
      ...rows,
    ].join('\n'),
  );
  if (!baseline) io.warning('No metric could be read, so no baseline was captured; later checks compare with absolute thresholds only.');
  return { watch };
}

async function findDeployment(inputs: HealthWatchInputs, policy: Policy, deps: HealthWatchDeps): Promise<DeploymentRecord | undefined> {
  if (inputs.deploymentId === undefined) {
    return (await readEnvironmentState(deps.store, inputs.environment, { clock: deps.clock, staleAfterSeconds: policy.lock['stale-after'] })).current;
  }
  const deployment = await deps.store.getDeployment(inputs.deploymentId);
  if (!deployment || deployment.environment !== inputs.environment) {
    throw new ConfigurationError(
      `input 'deployment-id'`,
      deployment ? `deployment #${inputs.deploymentId} belongs to '${deployment.environment}', not '${inputs.environment}'.` : `deployment #${inputs.deploymentId} does not exist in this repository.`,
      'Pass the deployment-id output of the deploy step, or leave it empty to watch the environment\'s current deployment.',
    );
  }
  return deployment;
}
