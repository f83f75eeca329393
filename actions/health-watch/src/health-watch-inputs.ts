import { parseBaselineInput, parseDurationInput, parseIntegerInput, parseUrlInput, requireInput, type InputReader } from '@safe-deploy/action-kit';
import { ConfigurationError, parseCommandLine, type Baseline, type CommandLine } from '@safe-deploy/core';

const MODES = ['once', 'watch', 'wait-until-healthy', 'observe', 'baseline'] as const;
const ON_UNHEALTHY = ['rollback', 'fail', 'report'] as const;

/** The health-watch action's inputs, validated. */
export interface HealthWatchInputs {
  environment: string;
  deploymentId: number | undefined;
  mode: (typeof MODES)[number];
  durationSeconds: number;
  intervalSeconds: number;
  windowSeconds: number | undefined;
  baseline: Baseline | undefined;
  healthUrl: string | undefined;
  prometheusUrl: string | undefined;
  metricsUrl: string | undefined;
  onUnhealthy: (typeof ON_UNHEALTHY)[number];
  rollbackCommand: CommandLine | undefined;
  restartCommand: CommandLine | undefined;
  workingDirectory: string;
  policyFile: string;
  token: string;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  const trimmed = value.trim();
  if (trimmed === '') return fallback;
  if ((allowed as readonly string[]).includes(trimmed)) return trimmed as T;
  throw new ConfigurationError(`input '${name}'`, `'${trimmed}' is not one of ${allowed.join(', ')}.`, `Set ${name} to one of: ${allowed.join(', ')}.`);
}

/** Reads every input action.yml declares, once each. */
export function readHealthWatchInputs(read: InputReader): HealthWatchInputs {
  const interval = parseDurationInput('interval', read('interval')) ?? 60;
  if (interval <= 0) throw new ConfigurationError(`input 'interval'`, 'must be more than 0 s.', 'Use e.g. 60s (seconds are fine for tests).');
  return {
    environment: requireInput('environment', read('environment'), "Set 'environment' to the environment whose deployment to watch, e.g. production."),
    deploymentId: parseIntegerInput('deployment-id', read('deployment-id'), 1, Number.MAX_SAFE_INTEGER),
    mode: oneOf('mode', read('mode'), MODES, 'watch'),
    durationSeconds: parseDurationInput('duration', read('duration')) ?? 600,
    intervalSeconds: interval,
    windowSeconds: parseDurationInput('window', read('window')),
    baseline: parseBaselineInput(read('baseline')),
    healthUrl: parseUrlInput('health-url', read('health-url')),
    prometheusUrl: parseUrlInput('prometheus-url', read('prometheus-url')),
    metricsUrl: parseUrlInput('metrics-url', read('metrics-url')),
    onUnhealthy: oneOf('on-unhealthy', read('on-unhealthy'), ON_UNHEALTHY, 'fail'),
    rollbackCommand: parseCommandLine(read('rollback-command')),
    restartCommand: parseCommandLine(read('restart-command')),
    workingDirectory: read('working-directory').trim() || '.',
    policyFile: read('policy-file').trim() || '.github/deploy-policy.yml',
    token: requireInput('token', read('token'), 'Pass a token with deployments: write and issues: write, usually `token: ${{ github.token }}` (the default).'),
  };
}
