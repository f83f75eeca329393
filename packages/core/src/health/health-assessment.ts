import type { MetricName, Track } from './measurement';

/** The four verdicts of a health check (plus why, in `HealthAssessment.reasons`). */
export type HealthVerdict = 'healthy' | 'degraded' | 'unhealthy' | 'inconclusive';

/** How bad one reason is: `critical` makes a verdict unhealthy, `warning` degraded, `hold` inconclusive. */
export type ReasonSeverity = 'critical' | 'warning' | 'hold' | 'ok';

/** One reason behind a verdict: which rule looked at which metric, what it saw, against what, and why. */
export interface HealthReason {
  /** Machine code, e.g. `error-rate-vs-baseline`, `absolute-error-rate`, `no-data`. */
  code: string;
  severity: ReasonSeverity;
  metric: MetricName;
  track: Track;
  /** The provider whose readings the rule judged (each provider is judged on its own readings). */
  provider?: string;
  /** Where the value came from: the PromQL query, the URL, the command. */
  source: string;
  value: number | null;
  baseline: number | null;
  threshold: number | null;
  /** The statistical test used, with its statistic and p-value, when one was. */
  test?: { name: string; statistic?: number; pValue?: number };
  /** A sentence a person understands, with the numbers. */
  sentence: string;
}

/** The result of judging one check against the history, the baseline and the policy. */
export interface HealthAssessment {
  verdict: HealthVerdict;
  /** Every rule's finding: fired triggers first (critical, warning), then holds, then passes. */
  reasons: HealthReason[];
  /** The codes of the critical and warning reasons: what fired. */
  triggers: string[];
  /** Whether the evidence is strong enough for an automatic rollback (unhealthy, never on missing data alone). */
  shouldRollback: boolean;
}

const RANK: Record<ReasonSeverity, number> = { critical: 0, warning: 1, hold: 2, ok: 3 };

/**
 * "Worst of": decides by the most severe reason — any critical → unhealthy, else any warning → degraded, else any
 * hold (no data yet, too few requests, a provider that could not be read) → inconclusive, else healthy. A verdict
 * with no reasons at all is inconclusive: nothing was measured.
 */
export function combineReasons(reasons: HealthReason[]): HealthAssessment {
  const sorted = [...reasons].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const worst = sorted[0]?.severity;
  const verdict: HealthVerdict = worst === 'critical' ? 'unhealthy' : worst === 'warning' ? 'degraded' : worst === 'ok' ? 'healthy' : 'inconclusive';
  return {
    verdict,
    reasons: sorted,
    triggers: sorted.filter((r) => r.severity === 'critical' || r.severity === 'warning').map((r) => r.code),
    shouldRollback: verdict === 'unhealthy',
  };
}
