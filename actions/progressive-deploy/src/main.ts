import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import { createMetricsProviders, createRollbackDeps, createTrafficRouter, readPolicyFile } from '@safe-deploy/adapters';
import { buildDeployRequest, buildProviderConfigs } from './build-deploy-request';
import { runPostStep } from './post';
import { readProgressiveDeployInputs } from './progressive-deploy-inputs';
import { runProgressiveDeploy, STATE } from './run';

const io = createActionsCoreIO();
const isPost = io.getState(STATE.isPost) === 'true';
if (!isPost) io.saveState(STATE.isPost, 'true');
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readProgressiveDeployInputs(io.input);
  io.setSecret(inputs.token);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  let requests = 0;
  const deps = createRollbackDeps({ token: inputs.token, apiUrl: runner.apiUrl, userAgent: 'safe-deploy-progressive-deploy', context: runner.context, log: io, onRequest: () => (requests += 1) });
  const workingDirectory = path.resolve(runner.workspace, inputs.workingDirectory);
  const router = createTrafficRouter(policy.canary.router, { runner: deps.runner, workingDirectory });
  if (isPost) {
    await runPostStep(io, { ...deps, router, runUrl: runner.context.runUrl }, { rollbackCommand: inputs.rollbackCommand, workingDirectory, policy });
    return;
  }
  const digest = await readFile(path.resolve(runner.workspace, inputs.policyFile)).then((text) => `sha256:${createHash('sha256').update(text).digest('hex')}`, () => undefined);
  const providers = createMetricsProviders(buildProviderConfigs(inputs, policy), { clock: deps.clock, cwd: runner.workspace });
  await runProgressiveDeploy(buildDeployRequest(inputs, policy, runner, digest), { ...deps, providers, router }, io, () => requests);
});
