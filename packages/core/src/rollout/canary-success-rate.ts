import { disjointWindows, seriesOf, type HealthCheck } from '../health/health-history';

/** The canary's share of successful requests so far (seed 000's partial-failure protocol reads this). */
export interface SuccessRate {
  percent: number;
  requests: number;
  errors: number;
  provider: string;
}

/**
 * The canary's success rate over every check so far, from the first provider that reports request and error
 * counts for the canary track (non-overlapping windows summed, so no request counts twice). Undefined below
 * `minimumRequests`: a rate over a handful of requests decides nothing.
 */
export function measureCanarySuccessRate(history: HealthCheck[], minimumRequests: number): SuccessRate | undefined {
  const series = seriesOf(history, 'error-rate', 'canary').filter((m) => m.counts);
  const providers = [...new Set(series.map((m) => m.provider))];
  for (const provider of providers) {
    const windows = disjointWindows(series.filter((m) => m.provider === provider));
    const requests = windows.reduce((sum, m) => sum + (m.counts?.requests ?? 0), 0);
    const errors = windows.reduce((sum, m) => sum + (m.counts?.errors ?? 0), 0);
    if (requests < minimumRequests || requests <= 0) continue;
    return { percent: (100 * (requests - Math.min(errors, requests))) / requests, requests, errors, provider };
  }
  return undefined;
}
