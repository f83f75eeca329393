import { chronological, type DeploymentRecord } from '../records/deployment-record';
import { formatNumber } from './rules/format';

const PROGRESS = /^Observation: ([\d.]+) h of ([\d.]+) h, (\d+) checks?, clean/;
const HARDENED = /^Hardened: /;

/** Where a deployment stands in its post-release observation window (seed 000: 48 h, then "hardened"). */
export type ObservationState =
  | { state: 'not-released'; reason: string }
  | { state: 'hardened'; at: string }
  | { state: 'observing' | 'complete'; startedAt: string; elapsedSeconds: number; windowSeconds: number; checksSoFar: number };

/**
 * Reads the window from the deployment's own records, so a scheduled workflow can resume it run after run (a job
 * lasts at most 6 h; the window 48 h). Decides by: the first `success` status (the window starts at the release),
 * a later `failure`/`error` (the release went bad: no window), a `Hardened:` status (done), and the check count
 * of the newest `Observation:` status.
 */
export function assessObservationWindow(deployment: DeploymentRecord, now: Date, windowSeconds: number): ObservationState {
  const history = chronological(deployment.statuses);
  const released = history.find((s) => s.state === 'success');
  if (!released) return { state: 'not-released', reason: `deployment #${deployment.id} never succeeded` };
  const hardened = history.find((s) => s.state === 'success' && HARDENED.test(s.description));
  if (hardened) return { state: 'hardened', at: hardened.createdAt };
  const bad = history.slice(history.indexOf(released)).find((s) => s.state === 'failure' || s.state === 'error');
  if (bad) return { state: 'not-released', reason: `deployment #${deployment.id} was marked ${bad.state} after its release (${bad.description})` };
  const progress = [...history].reverse().map((s) => PROGRESS.exec(s.description)).find((m) => m !== null);
  const elapsedSeconds = Math.max(0, (now.getTime() - Date.parse(released.createdAt)) / 1000);
  return {
    state: elapsedSeconds >= windowSeconds ? 'complete' : 'observing',
    startedAt: released.createdAt,
    elapsedSeconds,
    windowSeconds,
    checksSoFar: progress ? Number(progress[3]) : 0,
  };
}

/** The status description that records progress (parsed back by `assessObservationWindow`). */
export function describeObservation(elapsedSeconds: number, windowSeconds: number, checks: number): string {
  return `Observation: ${formatNumber(elapsedSeconds / 3600)} h of ${formatNumber(windowSeconds / 3600)} h, ${checks} checks, clean`;
}

/** The status description that marks the end of a clean window. */
export function describeHardened(windowSeconds: number, checks: number): string {
  return `Hardened: ${formatNumber(windowSeconds / 3600)} h observation window clean (${checks} checks)`;
}

/**
 * The status that records an observation run that ended clean: progress, or `Hardened:` once less than one check
 * interval of the window is left (a watch stops short of its duration by up to one interval).
 */
export function recordObservation(window: Extract<ObservationState, { state: 'observing' | 'complete' }>, now: Date, checksThisRun: number, intervalSeconds: number): string {
  const checks = window.checksSoFar + checksThisRun;
  const elapsed = (now.getTime() - Date.parse(window.startedAt)) / 1000;
  return elapsed + intervalSeconds >= window.windowSeconds ? describeHardened(window.windowSeconds, checks) : describeObservation(elapsed, window.windowSeconds, checks);
}

/** Why an `observe` run has nothing to do (no deployment, not released, already hardened); undefined when it has. */
export function whyNothingToObserve(environment: string, deployment: DeploymentRecord | undefined, window: ObservationState | undefined): string | undefined {
  if (!deployment || !window) return `'${environment}' has no deployment`;
  if (window.state === 'hardened') return `deployment #${deployment.id} was hardened at ${window.at}`;
  if (window.state === 'not-released') return window.reason;
  return undefined;
}

