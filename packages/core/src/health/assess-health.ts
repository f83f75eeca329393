import { combineReasons, type HealthAssessment } from './health-assessment';
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
 * Judges the latest check. Decides by every rule's reasons, combined "worst of": critical → unhealthy, warning →
 * degraded, holds (missing data, too few requests, unreadable providers) → inconclusive, else healthy.
 */
export function assessHealth(ctx: RuleContext): HealthAssessment {
  return combineReasons(RULES.flatMap((rule) => rule(ctx)));
}
