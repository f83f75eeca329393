import { STATUS_DESCRIPTION_MAX, truncate } from '../text/truncate';
import type { HealthAssessment, HealthVerdict } from './health-assessment';

/** What to do with a watch's verdict: a status for the deployment record, a rollback, a failed step. */
export interface HealthAction {
  status?: { state: 'success' | 'failure'; description: string };
  rollback: boolean;
  failStep: boolean;
}

/**
 * Decides by the verdict and `on-unhealthy`. Healthy and degraded keep the deployment `success` with what was
 * seen; inconclusive writes nothing (no data is not news about the deployment); unhealthy either hands over to the
 * rollback (which marks the deployment itself), or marks it `failure` and fails the step, or only reports.
 */
export function decideHealthAction(verdict: HealthVerdict, assessment: HealthAssessment, onUnhealthy: 'rollback' | 'fail' | 'report', checks: number): HealthAction {
  const fired = assessment.reasons.filter((r) => r.severity === 'critical' || r.severity === 'warning').map((r) => r.sentence).join(' ');
  const over = `${checks} check${checks === 1 ? '' : 's'}`;
  switch (verdict) {
    case 'healthy':
      return { status: { state: 'success', description: truncate(`Health watch: healthy over ${over}`, STATUS_DESCRIPTION_MAX) }, rollback: false, failStep: false };
    case 'degraded':
      return { status: { state: 'success', description: truncate(`Health watch: degraded — ${fired}`, STATUS_DESCRIPTION_MAX) }, rollback: false, failStep: false };
    case 'inconclusive':
      return { rollback: false, failStep: false };
    case 'unhealthy':
      if (onUnhealthy === 'rollback') return { rollback: true, failStep: false };
      if (onUnhealthy === 'fail') return { status: { state: 'failure', description: truncate(`Health watch: unhealthy — ${fired}`, STATUS_DESCRIPTION_MAX) }, rollback: false, failStep: true };
      return { rollback: false, failStep: false };
  }
}
