import { assessObservationWindow } from '../health/observation-window';
import { formatNumber } from '../health/rules/format';
import type { Policy } from '../policy/policy-schema';
import { DEPLOYMENT_TASKS, latestState, type DeploymentRecord } from '../records/deployment-record';
import { shortSha } from '../text/truncate';
import { latestRolloutPosition, parseRolloutPosition, type RolloutPosition } from './rollout-status';

/** What the run was asked to do: start (or resume) a rollout, or promote/abort the one in progress. */
export type RolloutOperation = 'deploy' | 'promote' | 'abort';

/** How a run begins. */
export type RolloutStart =
  | { kind: 'start'; override?: string; stale?: DeploymentRecord }
  | { kind: 'resume'; deployment: DeploymentRecord; position: RolloutPosition }
  | { kind: 'request'; deployment: DeploymentRecord; position: RolloutPosition | undefined }
  | { kind: 'refuse'; problem: string; fix: string };

const RUNNING = new Set(['queued', 'pending', 'in_progress']);

/**
 * Decides by the environment's newest deployment (a rollout owns the environment while it runs) and the operation:
 * `deploy` starts a rollout — unless one is running (not stale; a paused one never is), or the newest release is still inside its
 * observation window (seed 000: no new deploys to the same system for 48 h) and no `override` reason was given —
 * or resumes a paused rollout of the same commit. `promote`/`abort` act on a paused (or stale, crashed) rollout
 * directly and, on one that another run is driving, become a request that run notices at its next control check.
 */
export function assessRolloutStart(input: {
  newest: DeploymentRecord | undefined;
  operation: RolloutOperation;
  sha: string;
  override: string | undefined;
  now: Date;
  lock: Policy['lock'];
}): RolloutStart {
  const { newest, operation, lock } = input;
  const state = newest ? latestState(newest) : undefined;
  // A deployment without any status was created moments ago (GitHub reads it as pending): it is running.
  const running = newest !== undefined && (state === undefined || RUNNING.has(state));
  const position = running ? latestRolloutPosition(newest) : undefined;
  // Age from the rollout's own progress (its position statuses), so a promote/abort request written to a dead run
  // does not make it look alive again.
  const since = (newest?.statuses.find((s) => parseRolloutPosition(s.description)) ?? newest?.statuses[0])?.createdAt ?? newest?.createdAt;
  const ageSeconds = since ? Math.max(0, (input.now.getTime() - Date.parse(since)) / 1000) : 0;
  // A paused rollout waits for a person, however long: it never goes stale (its canary still has traffic).
  const stale = running && !position?.paused && ageSeconds > lock['stale-after'];
  const isRollout = newest?.payload?.rollout !== undefined;

  if (operation !== 'deploy') {
    if (!newest || !running || !isRollout) {
      return {
        kind: 'refuse',
        problem: `there is no rollout in progress to ${operation}${newest ? ` (the newest deployment, #${newest.id}, is ${state ?? 'without status'}${isRollout ? '' : ' and not a progressive deploy'})` : ''}.`,
        fix: `Use operation '${operation}' only while a progressive deploy is running or paused; to undo a finished release, run the rollback action.`,
      };
    }
    if (position?.paused || stale) return { kind: 'resume', deployment: newest, position: position ?? { stage: 0, total: newest.payload?.rollout?.stages.length ?? 0, weight: 0, note: 'stale', paused: false } };
    return { kind: 'request', deployment: newest, position };
  }

  if (newest && running && !stale) {
    if (position?.paused && newest.sha === input.sha && isRollout) return { kind: 'resume', deployment: newest, position };
    return {
      kind: 'refuse',
      problem: `deployment #${newest.id} (${shortSha(newest.sha)}) is ${position?.paused ? 'paused' : state} since ${since} (${formatNumber(ageSeconds / 60)} min ago)${position ? ` at stage ${position.stage}/${position.total}` : ''}; one rollout at a time.`,
      fix: position?.paused
        ? `Decide the paused rollout first: run this action with operation 'promote' or 'abort' (workflow_dispatch), then deploy again.`
        : `Wait for it to finish, or stop it with operation 'abort'. A run that crashed stops blocking after lock.stale-after (${formatNumber(lock['stale-after'])} s).`,
    };
  }
  if (newest && !running && newest.task === DEPLOYMENT_TASKS.deploy && lock['observation-window'] > 0) {
    const window = assessObservationWindow(newest, input.now, lock['observation-window']);
    if (window.state === 'observing') {
      const endsAt = new Date(Date.parse(window.startedAt) + window.windowSeconds * 1000).toISOString();
      if (input.override) return { kind: 'start', override: input.override };
      return {
        kind: 'refuse',
        problem: `deployment #${newest.id} (${shortSha(newest.sha)}) was released ${formatNumber(window.elapsedSeconds / 3600)} h ago and is inside its ${formatNumber(window.windowSeconds / 3600)} h observation window (until ${endsAt}); no new deploys to the same system meanwhile.`,
        fix: `Wait until ${endsAt}, or pass 'override' with the reason (it is recorded on the deployment), or shorten lock.observation-window in the policy.`,
      };
    }
  }
  return { kind: 'start', ...(stale && newest ? { stale: newest } : {}) };
}
