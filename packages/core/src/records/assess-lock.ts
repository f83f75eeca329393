import { latestState, type DeploymentRecord } from './deployment-record';

/** Whether an environment is locked by a deployment still running. */
export type LockAssessment =
  | { locked: false; stale?: { deployment: DeploymentRecord; ageSeconds: number } }
  | { locked: true; deployment: DeploymentRecord; ageSeconds: number };

const RUNNING = new Set(['queued', 'pending', 'in_progress']);

/**
 * Decides by: the newest deployment whose latest status is queued/pending/in_progress, and how long ago that
 * status was written; one older than `staleAfterSeconds` (a crashed run) no longer blocks.
 */
export function assessLock(history: DeploymentRecord[], now: Date, staleAfterSeconds: number): LockAssessment {
  for (const deployment of history) {
    const state = latestState(deployment);
    if (!state || !RUNNING.has(state)) continue;
    const since = deployment.statuses[0]?.createdAt ?? deployment.createdAt;
    const ageSeconds = Math.max(0, (now.getTime() - Date.parse(since)) / 1000);
    if (ageSeconds > staleAfterSeconds) return { locked: false, stale: { deployment, ageSeconds } };
    return { locked: true, deployment, ageSeconds };
  }
  return { locked: false };
}
