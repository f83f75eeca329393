import { chronological, DEPLOYMENT_TASKS, type DeploymentRecord } from './deployment-record';
import { shortSha } from '../text/truncate';

/** Why a deployment was passed over when looking for the last known good one. */
export interface SkippedDeployment {
  deployment: DeploymentRecord;
  reason: string;
}

/** The answer over a history read so far (newest first): found, definitely none, or read further. */
export type LastKnownGood =
  | { kind: 'found'; deployment: DeploymentRecord; skipped: SkippedDeployment[] }
  | { kind: 'none'; skipped: SkippedDeployment[] }
  | { kind: 'need-more'; skipped: SkippedDeployment[] };

/** Whether a deployment was ever good and, if so, whether it was later marked bad (and why). */
export function assessDeployment(deployment: DeploymentRecord, newer: DeploymentRecord[]): { good: boolean; reason: string } {
  if (deployment.task === DEPLOYMENT_TASKS.drill) return { good: false, reason: 'a rollback drill, not a release' };
  if (deployment.task !== DEPLOYMENT_TASKS.deploy && deployment.task !== DEPLOYMENT_TASKS.rollback) {
    return { good: false, reason: `task '${deployment.task}' is not a deploy` };
  }
  const rolledBackBy = newer.find((other) => other.payload?.rollback?.['from-deployment'] === deployment.id);
  if (rolledBackBy) return { good: false, reason: `rolled back by deployment #${rolledBackBy.id}` };
  const history = chronological(deployment.statuses);
  const firstSuccess = history.findIndex((status) => status.state === 'success');
  if (firstSuccess < 0) {
    const last = history.at(-1)?.state;
    return { good: false, reason: last ? `never succeeded (last state ${last})` : 'never reported a status' };
  }
  const markedBad = history.slice(firstSuccess + 1).find((status) => status.state === 'failure' || status.state === 'error');
  if (markedBad) {
    return { good: false, reason: `marked ${markedBad.state} after succeeding${markedBad.description ? `: ${markedBad.description}` : ''}` };
  }
  return { good: true, reason: 'succeeded and was never marked bad' };
}

/**
 * The newest deployment older than `subject` that succeeded and was never marked bad.
 * Decides by: task (deploys and rollbacks only), the status history (a `success` anywhere — `auto_inactive`
 * later turns good deployments `inactive`, so the latest state alone is not enough — and no failure/error after
 * it), rollbacks that name it as their origin, and the sha (never the commit being rolled back).
 * `history` is newest first and may be a prefix: rollbacks are always newer than what they roll back, so a
 * deployment can be judged once everything newer has been read. `complete` says whether older ones exist.
 */
export function findLastKnownGood(history: DeploymentRecord[], subject: DeploymentRecord | undefined, complete: boolean): LastKnownGood {
  const skipped: SkippedDeployment[] = [];
  const start = subject ? history.findIndex((d) => d.id === subject.id) + 1 : 0;
  if (subject && start === 0) return { kind: complete ? 'none' : 'need-more', skipped };
  for (let index = start; index < history.length; index++) {
    const deployment = history[index];
    if (!deployment) continue;
    if (subject && deployment.sha === subject.sha) {
      skipped.push({ deployment, reason: `same commit ${shortSha(subject.sha)} as the deployment being rolled back` });
      continue;
    }
    const verdict = assessDeployment(deployment, history.slice(0, index));
    if (verdict.good) return { kind: 'found', deployment, skipped };
    skipped.push({ deployment, reason: verdict.reason });
  }
  return { kind: complete ? 'none' : 'need-more', skipped };
}
