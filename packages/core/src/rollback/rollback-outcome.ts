import type { CommandLine } from '../commands/parse-command-line';
import type { CommandResult } from '../ports/command-runner';
import type { ProbeResult } from '../ports/health-probe';
import type { CommitSummary } from '../ports/source-repository';
import type { SkippedDeployment } from '../records/find-last-known-good';
import type { DeploymentRecord } from '../records/deployment-record';

/** What a rollback returns to. */
export interface RollbackTarget {
  sha: string;
  /** The ref people know it by (the original deployment's ref, or what `to` named). */
  ref: string;
  deployment?: DeploymentRecord;
  source: 'last-known-good' | 'explicit';
}

/** Everything decided before anything is written. */
export interface RollbackPlan {
  environment: string;
  reason: string;
  trigger: 'automatic' | 'manual';
  /** The deployment being rolled back ("bad"); undefined only when the environment has none to name. */
  subject: DeploymentRecord | undefined;
  /** The environment's newest deployment. */
  current: DeploymentRecord | undefined;
  target: RollbackTarget;
  skipped: SkippedDeployment[];
  commits: CommitSummary[];
  commitsTotal: number;
  commands: { name: 'rollback-command' | 'restart-command'; command: CommandLine }[];
  /** Markdown evidence from whoever asked for the rollback (health-watch: reasons, series, baseline, thresholds). */
  evidence?: string;
  /** The health of the current deployment, probed when it already runs the target. */
  currentHealth?: VerificationOutcome;
  mode: RollbackMode;
}

/** What the run will do: restore, only plan, or nothing because the target already runs. */
export type RollbackMode = 'apply' | 'dry-run' | 'auto-disabled' | 'already-at-target';

/** One try at the restore commands. */
export interface CommandAttempt {
  attempt: number;
  name: 'rollback-command' | 'restart-command';
  command: string;
  result: CommandResult;
}

/** Post-restore health verification. */
export interface VerificationOutcome {
  url: string;
  healthy: boolean;
  probes: ProbeResult[];
  /** One sentence: why healthy or not. */
  reason: string;
}

/** A moment in the rollback, for the summary and the incident. */
export interface TimelineEntry {
  at: string;
  event: string;
}

/** The machine-readable result (the `result` output). */
export type RollbackResultKind = 'rolled-back' | 'noop' | 'dry-run' | 'failed';

/** The end of a rollback run: the result with its reason, and the evidence. */
export interface RollbackOutcome {
  result: RollbackResultKind;
  /** Machine code of the reason, e.g. `restored`, `verification-failed`. */
  code: 'restored' | 'already-at-target' | 'dry-run-requested' | 'auto-rollback-disabled' | 'verification-failed' | 'command-failed';
  /** The reason as a sentence a person understands. */
  message: string;
  plan: RollbackPlan;
  rollbackDeployment?: DeploymentRecord;
  attempts: CommandAttempt[];
  verification?: VerificationOutcome;
  incident?: { number: number; url: string; action: 'opened' | 'commented' };
  timeline: TimelineEntry[];
}
