import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import { createMetricsProviders, createRollbackDeps, readPolicyFile } from '@safe-deploy/adapters';
import { buildProviderConfigs } from './build-watch-plan';
import { readHealthWatchInputs } from './health-watch-inputs';
import { runHealthWatch } from './run';

const io = createActionsCoreIO();
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readHealthWatchInputs(io.input);
  io.setSecret(inputs.token);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  const deps = createRollbackDeps({ token: inputs.token, apiUrl: runner.apiUrl, userAgent: 'safe-deploy-health-watch', context: runner.context, log: io });
  const providers = createMetricsProviders(buildProviderConfigs(inputs, policy), { clock: deps.clock, cwd: runner.workspace });
  await runHealthWatch(inputs, policy, runner.workspace, { ...deps, providers }, io);
});
