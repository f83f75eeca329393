import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import {
  createGitHubClient,
  FetchHealthProbe,
  GitHubDeploymentStore,
  GitHubIssueTracker,
  GitHubSourceRepository,
  ProcessCommandRunner,
  parseRepository,
  readPolicyFile,
  SystemClock,
} from '@safe-deploy/adapters';
import { readRollbackInputs } from './rollback-inputs';
import { runRollback } from './run';

const io = createActionsCoreIO();
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readRollbackInputs(io.input);
  io.setSecret(inputs.token);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  const repo = parseRepository(runner.context.repository);
  const octokit = createGitHubClient({ token: inputs.token, baseUrl: runner.apiUrl, userAgent: 'safe-deploy-rollback', log: io });
  await runRollback(inputs, policy, runner.workspace, {
    store: new GitHubDeploymentStore(octokit, repo),
    repository: new GitHubSourceRepository(octokit, repo),
    issues: new GitHubIssueTracker(octokit, repo),
    runner: new ProcessCommandRunner({ secrets: [inputs.token] }),
    probe: new FetchHealthProbe(),
    clock: new SystemClock(),
    log: io,
    context: runner.context,
  }, io);
});
