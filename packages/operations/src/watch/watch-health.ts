import { assessHealth, type Baseline, type Clock, type HealthAssessment, type HealthCheck, type HealthVerdict, type Log, type MetricsProvider, type Policy, type Track } from '@safe-deploy/core';
import { readHealthCheck } from './read-health-check';

/** How to watch: once, for a duration, or until healthy. */
export interface WatchRequest {
  mode: 'once' | 'watch' | 'wait-until-healthy';
  /** `watch`: how long; `wait-until-healthy`: the maximum wait (seed 004's --max-wait). */
  durationSeconds: number;
  intervalSeconds: number;
  /** The window each provider query covers (PromQL `[window]`). */
  windowSeconds: number;
  environment: string;
  version?: string;
  /** `release` judges the live version against the stored baseline; `canary` judges the canary track against stable. */
  analysis: 'release' | 'canary';
  baseline?: Baseline;
  policy: Policy['health'];
}

/** What a watch saw and concluded. */
export interface WatchOutcome {
  verdict: HealthVerdict;
  /** The assessment that decided the verdict (the unhealthy one, or the last). */
  assessment: HealthAssessment;
  history: HealthCheck[];
  /** Every check's verdict, in order. */
  verdicts: { at: string; verdict: HealthVerdict }[];
  /** Why the watch ended: the duration ran out, it became unhealthy, or it became healthy (wait mode). */
  ended: 'duration' | 'unhealthy' | 'healthy' | 'once';
}

/**
 * Checks every interval and judges each check with the health engine. Ends at once on `unhealthy`; in
 * `wait-until-healthy` mode at the first `healthy`; otherwise when the duration runs out. The verdict of a full
 * watch is the worst thing seen short of a rollback — degraded at any check makes it degraded — and healthy only
 * if the last check is.
 */
export async function watchHealth(request: WatchRequest, deps: { providers: MetricsProvider[]; clock: Clock; log: Log }): Promise<WatchOutcome> {
  const tracks: Track[] = request.analysis === 'canary' ? ['canary', 'stable'] : ['current'];
  const started = deps.clock.now().getTime();
  const history: HealthCheck[] = [];
  const verdicts: WatchOutcome['verdicts'] = [];
  for (;;) {
    const check = await readHealthCheck(deps.providers, tracks, { windowSeconds: request.windowSeconds, environment: request.environment, ...(request.version ? { version: request.version } : {}) }, deps.clock);
    history.push(check);
    const assessment = assessHealth({ history, now: check.at, track: tracks[0] ?? 'current', mode: request.analysis, policy: request.policy, ...(request.baseline ? { baseline: request.baseline } : {}) });
    verdicts.push({ at: check.at, verdict: assessment.verdict });
    const fired = assessment.reasons.filter((r) => r.severity === 'critical' || r.severity === 'warning').map((r) => r.sentence);
    deps.log.info(`[${check.at}] ${assessment.verdict}${fired.length ? `: ${fired.join(' ')}` : ''}`);
    const done = (ended: WatchOutcome['ended'], verdict = assessment.verdict): WatchOutcome => ({ verdict, assessment, history, verdicts, ended });
    if (assessment.verdict === 'unhealthy') return done('unhealthy');
    if (request.mode === 'once') return done('once');
    if (request.mode === 'wait-until-healthy' && assessment.verdict === 'healthy') return done('healthy');
    const elapsed = (deps.clock.now().getTime() - started) / 1000;
    if (elapsed + request.intervalSeconds > request.durationSeconds) {
      const sawDegraded = request.mode === 'watch' && assessment.verdict === 'healthy' && verdicts.some((v) => v.verdict === 'degraded');
      return done('duration', sawDegraded ? 'degraded' : assessment.verdict);
    }
    await deps.clock.sleep(request.intervalSeconds);
  }
}
