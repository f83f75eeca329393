import type { HealthAssessment } from '../health/health-assessment';
import { formatNumber } from '../health/rules/format';
import type { Policy } from '../policy/policy-schema';
import type { SuccessRate } from './canary-success-rate';

/** What a rollout does after a check. */
export type RolloutDecision =
  | { action: 'hold'; reason: string }
  | { action: 'advance'; reason: string; warning?: string }
  | { action: 'extend'; reason: string }
  | { action: 'pause'; reason: string; code: 'partial-failure' | 'inconclusive' }
  | { action: 'rollback'; reason: string; severity: 'S1' | 'S2' | 'S3' | 'S4'; code: 'unhealthy' | 'partial-failure' }
  | { action: 'abort'; reason: string; code: 'inconclusive' };

/** One check of one stage, with everything the decision needs. */
export interface RolloutCheck {
  assessment: HealthAssessment;
  /** The canary's success rate so far; undefined while it has too few requests. */
  successRate: SuccessRate | undefined;
  /** Whether the stage's hold (or its current extension) is over after this check. */
  holdOver: boolean;
  /** Extensions this stage has had for an inconclusive verdict. */
  extensions: number;
  policy: Policy['canary'];
  /** The policy's incident severity, used for a rollback that is not the protocol's (< pause-at: seed 000 says S2). */
  severity: 'S1' | 'S2' | 'S3' | 'S4';
}

// Error-rate rules: the partial-failure protocol speaks for the error rate wherever it has a band to offer.
const ERROR_METRICS = new Set(['error-rate', 'availability']);

/**
 * Decides by, in order: a critical reason on anything but the error rate (latency, memory, failing health
 * checks) → roll back; the canary's success rate under `partial-failure.pause-at` → roll back (S2, seed 000), under
 * `continue-at` → pause for a decision; any other critical reason (an error rate twice stable's while the success
 * rate is still above `continue-at`) → roll back; then, only when the hold is over: healthy or degraded → advance
 * (with a warning when the success rate is under 100 % or something was degraded), inconclusive → extend the hold
 * up to `max-inconclusive-holds`, then `on-inconclusive` (abort or pause — never a rollback: no data is not a fault).
 */
export function decideRolloutCheck(check: RolloutCheck): RolloutDecision {
  const { assessment, successRate, policy } = check;
  const critical = assessment.reasons.filter((r) => r.severity === 'critical');
  const nonError = critical.filter((r) => !ERROR_METRICS.has(r.metric));
  if (nonError.length > 0) return { action: 'rollback', reason: nonError.map((r) => r.sentence).join(' '), severity: check.severity, code: 'unhealthy' };
  const band = policy['partial-failure'];
  if (successRate) {
    const rate = `the canary's success rate is ${formatNumber(successRate.percent)} % (${formatNumber(successRate.requests - successRate.errors)} of ${formatNumber(successRate.requests)} requests)`;
    if (successRate.percent < band['pause-at']) return { action: 'rollback', reason: `${rate}, under ${band['pause-at']} %: rolling back (partial-failure protocol).`, severity: 'S2', code: 'partial-failure' };
    if (successRate.percent < band['continue-at']) return { action: 'pause', reason: `${rate}, between ${band['pause-at']} % and ${band['continue-at']} %: paused for a decision (partial-failure protocol).`, code: 'partial-failure' };
  }
  if (critical.length > 0) return { action: 'rollback', reason: critical.map((r) => r.sentence).join(' '), severity: check.severity, code: 'unhealthy' };
  if (!check.holdOver) return { action: 'hold', reason: `holding: ${assessment.verdict}` };
  if (assessment.verdict === 'inconclusive') {
    const why = assessment.reasons.find((r) => r.severity === 'hold')?.sentence ?? 'nothing could be measured.';
    if (check.extensions < policy['max-inconclusive-holds']) {
      return { action: 'extend', reason: `inconclusive at the end of the hold (${why}); holding again (${check.extensions + 1} of ${policy['max-inconclusive-holds']}).` };
    }
    const after = `still inconclusive after ${check.extensions} extra hold${check.extensions === 1 ? '' : 's'} (${why})`;
    return policy['on-inconclusive'] === 'pause'
      ? { action: 'pause', reason: `${after}: paused for a decision (canary.on-inconclusive: pause).`, code: 'inconclusive' }
      : { action: 'abort', reason: `${after}: traffic goes back to stable without judging the new version (canary.on-inconclusive: abort).`, code: 'inconclusive' };
  }
  const warnings = [
    ...(assessment.verdict === 'degraded' ? assessment.reasons.filter((r) => r.severity === 'warning').map((r) => r.sentence) : []),
    ...(successRate && successRate.percent < 100 ? [`The canary's success rate is ${formatNumber(successRate.percent)} % (at least ${band['continue-at']} %): continuing, as the partial-failure protocol says.`] : []),
  ];
  return { action: 'advance', reason: `${assessment.verdict} at the end of the hold`, ...(warnings.length ? { warning: warnings.join(' ') } : {}) };
}
