import { shortSha, STATUS_DESCRIPTION_MAX, truncate } from '../text/truncate';
import type { RollbackPlan } from './rollback-outcome';

/** Status descriptions written during a rollback, each within GitHub's 140-character limit. */
export const describeRollback = {
  started: (plan: RollbackPlan) =>
    truncate(`Rolling back ${plan.subject ? shortSha(plan.subject.sha) : '?'} → ${shortSha(plan.target.sha)}: ${plan.reason}`, STATUS_DESCRIPTION_MAX),
  restored: (plan: RollbackPlan) =>
    truncate(`Restored ${shortSha(plan.target.sha)} (replacing ${plan.subject ? shortSha(plan.subject.sha) : '?'}); health verified`, STATUS_DESCRIPTION_MAX),
  rolledBackFrom: (plan: RollbackPlan, rollbackId: number) =>
    truncate(`Rolled back to ${shortSha(plan.target.sha)} by deployment #${rollbackId}: ${plan.reason}`, STATUS_DESCRIPTION_MAX),
  restoreFailed: (why: string) => truncate(`Rollback failed: ${why}`, STATUS_DESCRIPTION_MAX),
  abandonedFrom: (plan: RollbackPlan, rollbackId: number) =>
    truncate(`Bad release; rollback to ${shortSha(plan.target.sha)} (#${rollbackId}) did not restore service`, STATUS_DESCRIPTION_MAX),
  aborted: (why: string) => truncate(`Rollback aborted: ${why}`, STATUS_DESCRIPTION_MAX),
};
