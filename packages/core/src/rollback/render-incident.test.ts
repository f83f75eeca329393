import { describe, expect, it } from '@jest/globals';
import { aDeployment, sha } from '@safe-deploy/testing/builders';
import { defaultPolicy } from '../policy/policy-schema';
import { describeRollback } from './describe-rollback';
import { incidentLabels, incidentMarker, renderIncident, renderIncidentComment } from './render-incident';
import { renderRollbackSummary } from './render-rollback-summary';
import type { RollbackOutcome } from './rollback-outcome';
import type { RunContext } from './run-context';

const context: RunContext = { repository: 'acme/shop', serverUrl: 'https://github.com', runId: '7', runUrl: 'https://github.com/acme/shop/actions/runs/7', event: 'push', actor: 'octocat' };

function outcome(result: RollbackOutcome['result'], code: RollbackOutcome['code'], reason = 'error rate | 9%'): RollbackOutcome {
  const subject = aDeployment({ id: 12, sha: sha('bad'), states: ['success'] });
  return {
    result,
    code,
    message: 'a message',
    plan: {
      environment: 'production',
      reason,
      trigger: 'automatic',
      subject,
      current: subject,
      target: { sha: sha('good'), ref: 'main', source: 'last-known-good', deployment: aDeployment({ id: 9, sha: sha('good'), states: ['success', 'inactive'] }) },
      skipped: [],
      commits: Array.from({ length: 35 }, (_, i) => ({ sha: sha(`c${i}`), title: `commit <${i}>`, author: 'Ada' })),
      commitsTotal: 40,
      commands: [],
      mode: 'apply',
    },
    attempts: [],
    timeline: [{ at: '2026-01-01T10:00:00.000Z', event: 'started' }],
    ...(result !== 'dry-run' ? { rollbackDeployment: aDeployment({ id: 13, sha: sha('good'), task: 'deploy:rollback' }) } : {}),
    ...(code === 'verification-failed' ? { verification: { url: 'http://x/health', healthy: false, probes: [{ at: '2026-01-01T10:01:00Z', status: 503, latencyMs: 4 }], reason: '3 probes failed' } } : {}),
  };
}

describe('incident rendering', () => {
  it('names environment and bad sha in the title and carries the hidden marker', () => {
    const { title, body } = renderIncident(outcome('rolled-back', 'restored'), context);
    expect(title).toBe(`Incident: rollback of production from ${sha('bad').slice(0, 7)}`);
    expect(body.startsWith(incidentMarker('production', sha('bad')))).toBe(true);
    expect(body).toContain('**Reason:** error rate | 9%');
    expect(body).toContain('| Restored to | #9 (last-known-good)');
    expect(body).toContain('### Commits being undone (40)');
    expect(body).toContain('- … and 10 more');
    expect(body).toContain('commit &lt;3>');
    expect(body).toContain('| 2026-01-01 10:00:00Z | started |');
    expect(body).not.toContain('unhealthy too');
  });

  it('escalates a failed verification: systemic wording, S1 and the escalation labels', () => {
    const failed = outcome('failed', 'verification-failed');
    const { title, body } = renderIncident(failed, context);
    expect(title).toMatch(/FAILED, restored version unhealthy$/);
    expect(body).toContain('is **unhealthy too**');
    expect(body).toContain('HTTP 503 in 4 ms');
    expect(incidentLabels(failed, defaultPolicy().rollback.incident)).toEqual(['incident', 'rollback', 'severity:S1', 'critical']);
    expect(incidentLabels(outcome('rolled-back', 'restored'), defaultPolicy().rollback.incident)).toEqual(['incident', 'rollback', 'severity:S2']);
  });

  it('says a restore that did not complete may leave the bad release serving', () => {
    expect(renderIncident(outcome('failed', 'command-failed'), context).body).toContain('the bad release may still be serving');
  });

  it('renders a comment for a repeated run', () => {
    expect(renderIncidentComment(outcome('rolled-back', 'restored'), context)).toMatch(/^### Another rollback run: `rolled-back`\n[\s\S]*\*\*Rollback deployment:\*\* #13/);
  });

  it('keeps every status description within 140 characters', () => {
    const plan = outcome('rolled-back', 'restored', 'x'.repeat(500)).plan;
    for (const text of [describeRollback.started(plan), describeRollback.restored(plan), describeRollback.rolledBackFrom(plan, 123456789), describeRollback.restoreFailed('y'.repeat(300)), describeRollback.abandonedFrom(plan, 1), describeRollback.aborted('z'.repeat(300))]) {
      expect(text.length).toBeLessThanOrEqual(140);
    }
    expect(describeRollback.rolledBackFrom(plan, 13)).toMatch(/^Rolled back to [0-9a-f]{7} by deployment #13: x+…$/);
  });
});

describe('security of the restored version', () => {
  it('warns in the incident and the summary when the target was deployed with known-vulnerable dependencies', () => {
    const vulnerable = outcome('rolled-back', 'restored');
    const target = vulnerable.plan.target.deployment!;
    vulnerable.plan.target.deployment = { ...target, payload: { ...target.payload!, verdicts: { security: { verdict: 'warn', reasons: [], vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', package: 'lodash@4.17.20' }] } } } };
    expect(renderIncident(vulnerable, context).body).toContain('### ⚠️ Security of the restored version\nThe version being restored');
    expect(renderRollbackSummary(vulnerable)).toMatch(/> \[!WARNING\]\n> The version being restored .*GHSA-35jh-r3h4-6jhm \(lodash@4\.17\.20, high\)/);
    expect(renderIncident(outcome('rolled-back', 'restored'), context).body).not.toContain('Security of the restored version');
  });
});
