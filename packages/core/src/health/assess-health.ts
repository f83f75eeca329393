import { combineReasons, type HealthAssessment } from './health-assessment';
import { onlyProvider, providersIn } from './health-history';
import { checkAbsoluteThresholds } from './rules/absolute-thresholds';
import { checkAgainstBaseline } from './rules/baseline-comparison';
import { checkCanaryAgainstStable } from './rules/canary-comparison';
import { checkFailureCounts } from './rules/failure-counts';
import { checkMemory } from './rules/memory-rules';
import { checkMissingData } from './rules/missing-data';
import type { RuleContext } from './rules/rule-context';

/** The rules, each a pure function over the same context; adding one is one line here. */
const RULES = [checkAbsoluteThresholds, checkAgainstBaseline, checkCanaryAgainstStable, checkMemory, checkFailureCounts, checkMissingData];

/**
 * Judges the latest check. Each provider is judged on its own readings — two sources of the same metric are two
 * witnesses, and one that cannot be read must not hide what the other sees. Decides by every rule's reasons for
 * every provider, combined "worst of": critical → unhealthy, warning → degraded, holds (missing data, too few
 * requests, unreadable providers) → inconclusive, else healthy.
 */
export function assessHealth(ctx: RuleContext): HealthAssessment {
  const reasons = providersIn(ctx.history).flatMap((provider) => {
    const own = { ...ctx, history: onlyProvider(ctx.history, provider) };
    return RULES.flatMap((rule) => rule(own)).map((reason) => ({ ...reason, provider }));
  });
  return combineReasons(reasons);
}
