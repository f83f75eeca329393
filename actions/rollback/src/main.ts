import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import { createRollbackDeps, readPolicyFile } from '@safe-deploy/adapters';
import { readRollbackInputs } from './rollback-inputs';
import { runRollback } from './run';

const io = createActionsCoreIO();
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readRollbackInputs(io.input);
  io.setSecret(inputs.token);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  const deps = createRollbackDeps({ token: inputs.token, apiUrl: runner.apiUrl, userAgent: 'safe-deploy-rollback', context: runner.context, log: io });
  await runRollback(inputs, policy, runner.workspace, deps, io);
});
