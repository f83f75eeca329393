import { describe, expect, it } from '@jest/globals';
import { parsePolicy, type RunContext } from '@safe-deploy/core';
import { buildRollbackRequest } from './build-rollback-request';
import { readRollbackInputs } from './rollback-inputs';

const context = (event: string): RunContext => ({ repository: 'acme/shop', serverUrl: 'https://github.com', runId: '9', runUrl: 'u', event, actor: 'ada', workflow: 'deploy' });
const inputs = (values: Record<string, string>) => readRollbackInputs((name) => ({ environment: 'production', token: 't', 'dry-run': 'auto', ...values })[name] ?? '');
const policy = (text = '') => {
  const parsed = parsePolicy(text, 'p.yml').policy;
  if (!parsed) throw new Error('bad policy');
  return parsed;
};

describe('buildRollbackRequest', () => {
  it.each([
    ['workflow_dispatch', 'auto', true, 'manual', 'Manual rollback by @ada (run 9)'],
    ['push', 'auto', false, 'automatic', 'Automatic rollback after a failed deployment (deploy run 9)'],
    ['workflow_dispatch', 'false', false, 'manual', 'Manual rollback by @ada (run 9)'],
    ['workflow_run', 'true', true, 'automatic', 'Automatic rollback after a failed deployment (deploy run 9)'],
  ])('on %s with dry-run %s: dry run %s, trigger %s', (event, dryRun, expectedDryRun, trigger, reason) => {
    const request = buildRollbackRequest(inputs({ 'dry-run': dryRun }), policy(), context(event), '/ws');
    expect(request).toMatchObject({ dryRun: expectedDryRun, trigger, reason });
  });

  it('lets a set input win over the policy, and the policy over the defaults', () => {
    const fromPolicy = buildRollbackRequest(inputs({}), policy('rollback:\n  verify:\n    url: https://a.example/health\n    timeout: 3m\n    retries: 5\n'), context('push'), '/ws');
    expect(fromPolicy.verify).toEqual({ url: 'https://a.example/health', expectedStatus: 200, timeoutSeconds: 180, intervalSeconds: 5, requestTimeoutSeconds: 10, retries: 5 });
    const fromInputs = buildRollbackRequest(
      inputs({ 'health-url': 'https://b.example/up', 'health-timeout-seconds': '30', 'health-retries': '1', 'health-expected-status': '204' }),
      policy('rollback:\n  verify:\n    url: https://a.example/health\n'),
      context('push'),
      '/ws',
    );
    expect(fromInputs.verify).toMatchObject({ url: 'https://b.example/up', timeoutSeconds: 30, retries: 1, expectedStatus: 204 });
    expect(buildRollbackRequest(inputs({}), policy(), context('push'), '/ws').verify).toBeUndefined();
  });

  it('orders the commands and resolves the working directory in the workspace', () => {
    const request = buildRollbackRequest(inputs({ 'rollback-command': './deploy.sh "$TARGET_SHA"', 'restart-command': 'pm2 reload app', 'working-directory': 'ops' }), policy(), context('push'), '/ws');
    expect(request.commands).toEqual([
      { name: 'rollback-command', command: { kind: 'shell', script: './deploy.sh "$TARGET_SHA"', text: './deploy.sh "$TARGET_SHA"' } },
      { name: 'restart-command', command: { kind: 'argv', argv: ['pm2', 'reload', 'app'], text: 'pm2 reload app' } },
    ]);
    expect(request.workingDirectory).toBe('/ws/ops');
  });

  it('opens incidents for manual rollbacks unless the input or the policy says otherwise', () => {
    expect(buildRollbackRequest(inputs({}), policy(), context('workflow_dispatch'), '/ws').openIncident).toBe(true);
    expect(buildRollbackRequest(inputs({}), policy('rollback:\n  incident:\n    on-manual: false\n'), context('workflow_dispatch'), '/ws').openIncident).toBe(false);
    expect(buildRollbackRequest(inputs({ 'open-incident': 'true' }), policy('rollback:\n  incident:\n    on-manual: false\n'), context('workflow_dispatch'), '/ws').openIncident).toBe(true);
  });
});

describe('readRollbackInputs', () => {
  it.each([
    [{ environment: '' }, /input 'environment': is required but empty/],
    [{ environment: 'a/b' }, /'a\/b' is not a GitHub environment name/],
    [{ 'health-expected-status': '99' }, /input 'health-expected-status': expected a whole number from 100 to 599/],
    [{ 'health-timeout-seconds': 'soon' }, /input 'health-timeout-seconds': expected a duration/],
    [{ 'open-incident': 'yes' }, /input 'open-incident': expected true or false/],
  ])('rejects %j', (values, message) => {
    expect(() => inputs(values)).toThrow(message);
  });
});
