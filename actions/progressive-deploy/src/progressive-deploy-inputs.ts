import { parseBaselineInput, parseUrlInput, requireInput, type InputReader } from '@safe-deploy/action-kit';
import { ConfigurationError, parseCommandLine, type Baseline, type CommandLine, type DeploymentPayload, type RolloutOperation } from '@safe-deploy/core';

const OPERATIONS = ['deploy', 'promote', 'abort'] as const;
type Verdicts = NonNullable<DeploymentPayload['verdicts']>;

/** The progressive-deploy action's inputs, validated; empty optional ones are undefined. */
export interface ProgressiveDeployInputs {
  environment: string;
  operation: RolloutOperation;
  sha: string | undefined;
  ref: string | undefined;
  version: string | undefined;
  deployCommand: CommandLine | undefined;
  promoteCommand: CommandLine | undefined;
  rollbackCommand: CommandLine | undefined;
  workingDirectory: string;
  prometheusUrl: string | undefined;
  metricsUrl: string | undefined;
  healthUrl: string | undefined;
  environmentUrl: string | undefined;
  baseline: Baseline | undefined;
  override: string | undefined;
  reason: string | undefined;
  verdicts: Verdicts;
  policyFile: string;
  token: string;
}

const optional = (value: string) => value.trim() || undefined;

/** A gate's verdict: a word (`pass`) or the JSON the gate action outputs (`{"verdict":"pass","tier":2,"reasons":[]}`). */
function parseVerdictInput(name: string, value: string): Verdicts['preflight'] {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^[a-z][a-z-]*$/i.test(text)) return { verdict: text.toLowerCase(), reasons: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const object = json as { verdict?: unknown; tier?: unknown; reasons?: unknown } | undefined;
  const tier = object?.tier;
  if (typeof object !== 'object' || object === null || typeof object.verdict !== 'string' || (tier !== undefined && (typeof tier !== 'number' || ![1, 2, 3].includes(tier))) || (object.reasons !== undefined && !(Array.isArray(object.reasons) && object.reasons.every((r) => typeof r === 'string')))) {
    throw new ConfigurationError(`input '${name}'`, `'${text.slice(0, 80)}' is neither a verdict word nor verdict JSON.`, 'Pass a word such as pass, or JSON like {"verdict":"pass","tier":2,"reasons":["…"]} (the gate action\'s output).');
  }
  return { ...object, verdict: object.verdict, reasons: (object.reasons as string[] | undefined) ?? [], ...(typeof tier === 'number' ? { tier } : {}) } as Verdicts['preflight'];
}

/** Reads every input action.yml declares, once each. */
export function readProgressiveDeployInputs(read: InputReader): ProgressiveDeployInputs {
  const operation = read('operation').trim() || 'deploy';
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    throw new ConfigurationError(`input 'operation'`, `'${operation}' is not one of ${OPERATIONS.join(', ')}.`, `Set operation to deploy (the default), or promote/abort to decide a paused or running rollout.`);
  }
  const sha = optional(read('sha'));
  if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
    throw new ConfigurationError(`input 'sha'`, `'${sha}' is not a full 40-character commit sha.`, 'Pass the full sha (for example ${{ github.sha }}), or leave it empty to deploy the commit that triggered the run.');
  }
  return {
    environment: requireInput('environment', read('environment'), "Set 'environment' to the environment to deploy to, e.g. production."),
    operation: operation as RolloutOperation,
    sha: sha?.toLowerCase(),
    ref: optional(read('ref')),
    version: optional(read('version')),
    deployCommand: parseCommandLine(read('deploy-command')),
    promoteCommand: parseCommandLine(read('promote-command')),
    rollbackCommand: parseCommandLine(read('rollback-command')),
    workingDirectory: read('working-directory').trim() || '.',
    prometheusUrl: parseUrlInput('prometheus-url', read('prometheus-url')),
    metricsUrl: optional(read('metrics-url')),
    healthUrl: parseUrlInput('health-url', read('health-url')),
    environmentUrl: parseUrlInput('environment-url', read('environment-url')),
    baseline: parseBaselineInput(read('baseline')),
    override: optional(read('override')),
    reason: optional(read('reason')),
    verdicts: Object.fromEntries(
      ([['preflight', 'preflight-verdict'], ['security', 'security-verdict'], ['dependency', 'dependency-verdict']] as const).flatMap(([key, name]) => {
        const verdict = parseVerdictInput(name, read(name));
        return verdict ? [[key, verdict]] : [];
      }),
    ) as Verdicts,
    policyFile: read('policy-file').trim() || '.github/deploy-policy.yml',
    token: requireInput('token', read('token'), 'Pass a token with deployments: write and issues: write, usually `token: ${{ github.token }}` (the default).'),
  };
}
