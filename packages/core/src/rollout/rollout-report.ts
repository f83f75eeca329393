import type { Baseline } from '../health/baseline';
import type { HealthAssessment, HealthVerdict } from '../health/health-assessment';
import type { HealthCheck } from '../health/health-history';
import type { TimelineEntry } from '../rollback/rollback-outcome';

/** The `result` output: where the rollout ended. `requested` means another run was asked to promote or abort. */
export type RolloutResult = 'promoted' | 'rolled-back' | 'paused' | 'failed' | 'requested';

/** One stage as it happened. */
export interface StageRecord {
  /** 1-based; 0 is the bake at 100 %. */
  stage: number;
  weight: number;
  startedAt: string;
  endedAt?: string;
  checks: number;
  verdict?: HealthVerdict;
  /** The canary's success rate when the stage ended, in percent. */
  successRate?: number;
  outcome: 'advanced' | 'promoted' | 'rolled-back' | 'paused' | 'aborted' | 'failed' | 'running';
  note?: string;
}

/** Everything a rollout did, for outputs, the job summary and the incident. */
export interface RolloutReport {
  environment: string;
  sha: string;
  deploymentId?: number;
  result: RolloutResult;
  /** Machine code of why it ended, e.g. `promoted`, `unhealthy`, `partial-failure`, `inconclusive`, `router-failed`. */
  code: string;
  message: string;
  totalStages: number;
  stages: StageRecord[];
  /** Every health check, oldest first, and the stage each was taken in. */
  history: HealthCheck[];
  checkStages: number[];
  verdicts: { at: string; verdict: HealthVerdict }[];
  /** The assessment that decided the end (or the last one). */
  assessment?: HealthAssessment;
  baseline?: Baseline;
  timeline: TimelineEntry[];
  /** Seconds from the canary first taking traffic to all traffic back on stable, on a rollback. */
  secondsToRestore?: number;
}
