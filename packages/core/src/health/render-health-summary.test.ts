import { describe, expect, it } from '@jest/globals';
import { defaultPolicy } from '../policy/policy-schema';
import { assessHealth } from './assess-health';
import type { HealthCheck } from './health-history';
import { buildEvidence, renderHealthSummary } from './render-health-summary';

const history: HealthCheck[] = [0.5, 0.7, 8.4].map((rate, i) => ({
  at: new Date(Date.UTC(2026, 0, 1, 12, i)).toISOString(),
  measurements: [{ kind: 'value', provider: 'prom', metric: 'error-rate', track: 'current', at: '', source: 'sum(rate(http_requests_total{code=~"5.."}[1m]))', value: rate, unit: 'percent', counts: { requests: 1000, errors: rate * 10 } }],
}));
const assessment = assessHealth({ history, now: history.at(-1)?.at ?? '', track: 'current', mode: 'release', policy: defaultPolicy().health });
const report = { environment: 'production', deploymentId: 42, verdict: assessment.verdict, assessment, history, verdicts: history.map((c) => ({ at: c.at, verdict: 'healthy' as const })), track: 'current' as const };

describe('health summary', () => {
  it('shows the verdict, the reasons with their numbers, every check, and a chart of the fired metric', () => {
    const summary = renderHealthSummary(report);
    expect(summary).toContain('## Health watch · `production` · deployment #42 — ❌ unhealthy');
    expect(summary).toContain('**Fired:** The error rate is 8.4 %, above the critical limit of 5 %.');
    expect(summary).toContain('| 🔴 critical | `absolute-error-rate` | error-rate (prom) | 8.4 | — | 5 | — |');
    expect(summary).toContain('| 12:02:00 | ✅ healthy | 8.4 |');
    expect(summary).toContain(['```mermaid', 'xychart-beta', '  title "error-rate (current, prom): series, threshold 5"', '  x-axis ["12:00:00", "12:01:00", "12:02:00"]', '  y-axis "percent" 0 --> 9.24', '  line [0.5, 0.7, 8.4]', '  line [5, 5, 5]', '```'].join('\n'));
  });

  it('builds JSON evidence with the fired series', () => {
    const evidence = buildEvidence(report);
    expect(evidence).toMatchObject({ verdict: 'unhealthy', triggers: ['absolute-error-rate'], checks: 3 });
    expect(evidence.series).toEqual({ 'error-rate@prom': [[history[0]?.at, 0.5], [history[1]?.at, 0.7], [history[2]?.at, 8.4]] });
  });
});
