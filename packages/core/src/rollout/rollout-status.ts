import { latestState, type DeploymentRecord } from '../records/deployment-record';
import { STATUS_DESCRIPTION_MAX, truncate } from '../text/truncate';

/** Where a rollout stands, as its deployment statuses say (`stage 2/4 · 25 % · healthy`). */
export interface RolloutPosition {
  stage: number;
  total: number;
  weight: number;
  /** The rest of the description: `healthy`, `paused — …`, `promoted`, … */
  note: string;
  paused: boolean;
}

/** A request for a running or paused rollout, written as a status by another run (`workflow_dispatch`). */
export interface ControlRequest {
  operation: 'promote' | 'abort';
  by: string;
  reason: string;
}

const POSITION = /^stage (\d+)\/(\d+) · ([\d.]+) % · (.*)$/s;
const CONTROL = /^(promote|abort) requested by @?([^:]+?)(?:: (.*))?$/s;

/** The status descriptions a rollout writes; `parseRolloutPosition` reads them back, so the record is the state. */
export const describeRollout = {
  position(stage: number, total: number, weight: number, note: string): string {
    return truncate(`stage ${stage}/${total} · ${weight} % · ${note}`, STATUS_DESCRIPTION_MAX);
  },
  paused(stage: number, total: number, weight: number, why: string): string {
    return truncate(`stage ${stage}/${total} · ${weight} % · paused — ${why}`, STATUS_DESCRIPTION_MAX);
  },
  control(request: ControlRequest): string {
    return truncate(`${request.operation} requested by @${request.by}${request.reason ? `: ${request.reason}` : ''}`, STATUS_DESCRIPTION_MAX);
  },
};

/** Reads a rollout status description back; undefined for descriptions a rollout did not write. */
export function parseRolloutPosition(description: string): RolloutPosition | undefined {
  const match = POSITION.exec(description);
  if (!match) return undefined;
  const note = match[4] ?? '';
  return { stage: Number(match[1]), total: Number(match[2]), weight: Number(match[3]), note, paused: note.startsWith('paused') };
}

/** Reads a `promote requested by @…` / `abort requested by @…` status back. */
export function parseControlRequest(description: string): ControlRequest | undefined {
  const match = CONTROL.exec(description);
  if (!match) return undefined;
  return { operation: match[1] as ControlRequest['operation'], by: (match[2] ?? '').trim(), reason: match[3] ?? '' };
}

/** The newest position a rollout wrote on its deployment (requests from other runs skipped); undefined when none. */
export function latestRolloutPosition(deployment: DeploymentRecord): RolloutPosition | undefined {
  for (const status of deployment.statuses) {
    const position = parseRolloutPosition(status.description);
    if (position) return position;
  }
  return undefined;
}

/**
 * Whether a rollout was left mid-way (its run cancelled or dead), for the post step. Decides by the deployment's
 * latest state (only a still-running one was interrupted) and its position (a pause is deliberate, not an
 * interruption); a deployment that is gone needs nothing either.
 */
export function assessInterruptedRollout(deployment: DeploymentRecord | undefined): { interrupted: true; position: RolloutPosition | undefined } | { interrupted: false; why: string } {
  if (!deployment) return { interrupted: false, why: 'gone' };
  const state = latestState(deployment);
  const position = latestRolloutPosition(deployment);
  if (state !== undefined && state !== 'in_progress' && state !== 'queued' && state !== 'pending') return { interrupted: false, why: state };
  if (position?.paused) return { interrupted: false, why: 'paused' };
  return { interrupted: true, position };
}
