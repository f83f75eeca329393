import { parseBooleanInput, parseDurationInput, parseIntegerInput, parseUrlInput, requireInput, type InputReader } from '@safe-deploy/action-kit';
import { ConfigurationError, parseCommandLine, type CommandLine } from '@safe-deploy/core';

/** The rollback action's inputs, validated; empty optional ones are undefined so the policy applies. */
export interface RollbackInputs {
  environment: string;
  reason: string;
  to: string;
  from: string;
  dryRun: 'auto' | boolean;
  rollbackCommand: CommandLine | undefined;
  restartCommand: CommandLine | undefined;
  workingDirectory: string;
  healthUrl: string | undefined;
  healthExpectedStatus: number | undefined;
  healthTimeoutSeconds: number | undefined;
  healthRetries: number | undefined;
  environmentUrl: string | undefined;
  openIncident: boolean | undefined;
  policyFile: string;
  token: string;
}

/** Reads every input action.yml declares, once each, failing with the input's name and the fix. */
export function readRollbackInputs(read: InputReader): RollbackInputs {
  const dryRun = read('dry-run').trim().toLowerCase();
  const environment = requireInput('environment', read('environment'), "Set 'environment' to the environment to roll back, e.g. production.");
  if (!/^[^\s/][^/]{0,254}$/.test(environment)) {
    throw new ConfigurationError(`input 'environment'`, `'${environment}' is not a GitHub environment name.`, 'Use the name shown on the repository\'s deployments, e.g. production.');
  }
  return {
    environment,
    reason: read('reason').trim(),
    to: read('to').trim(),
    from: read('from').trim(),
    dryRun: dryRun === '' || dryRun === 'auto' ? 'auto' : parseBooleanInput('dry-run', dryRun, true),
    rollbackCommand: parseCommandLine(read('rollback-command')),
    restartCommand: parseCommandLine(read('restart-command')),
    workingDirectory: read('working-directory').trim() || '.',
    healthUrl: parseUrlInput('health-url', read('health-url')),
    healthExpectedStatus: parseIntegerInput('health-expected-status', read('health-expected-status'), 100, 599),
    healthTimeoutSeconds: parseDurationInput('health-timeout-seconds', read('health-timeout-seconds')),
    healthRetries: parseIntegerInput('health-retries', read('health-retries'), 0, 1000),
    environmentUrl: parseUrlInput('environment-url', read('environment-url')),
    openIncident: read('open-incident').trim() === '' ? undefined : parseBooleanInput('open-incident', read('open-incident'), true),
    policyFile: read('policy-file').trim() || '.github/deploy-policy.yml',
    token: requireInput('token', read('token'), "Pass a token with deployments: write and issues: write, usually `token: ${{ github.token }}` (the default)."),
  };
}
