import { createActionsCoreIO, readRunnerEnvironment, runAction } from '@safe-deploy/action-kit';
import {
  createGitHubClient,
  createMetricsProviders,
  FetchHealthProbe,
  GitHubDeploymentStore,
  GitHubIssueTracker,
  GitHubSourceRepository,
  ProcessCommandRunner,
  parseRepository,
  readPolicyFile,
  SystemClock,
} from '@safe-deploy/adapters';
import { buildProviderConfigs } from './build-watch-plan';
import { readHealthWatchInputs } from './health-watch-inputs';
import { runHealthWatch } from './run';

const io = createActionsCoreIO();
await runAction(io, async () => {
  const runner = readRunnerEnvironment(process.env);
  const inputs = readHealthWatchInputs(io.input);
  io.setSecret(inputs.token);
  const policy = await readPolicyFile(inputs.policyFile, runner.workspace, io);
  const clock = new SystemClock();
  const providers = createMetricsProviders(buildProviderConfigs(inputs, policy), { clock, cwd: runner.workspace });
  const repo = parseRepository(runner.context.repository);
  const octokit = createGitHubClient({ token: inputs.token, baseUrl: runner.apiUrl, userAgent: 'safe-deploy-health-watch', log: io });
  await runHealthWatch(inputs, policy, runner.workspace, {
    providers,
    store: new GitHubDeploymentStore(octokit, repo),
    repository: new GitHubSourceRepository(octokit, repo),
    issues: new GitHubIssueTracker(octokit, repo),
    runner: new ProcessCommandRunner({ secrets: [inputs.token] }),
    probe: new FetchHealthProbe(),
    clock,
    log: io,
    context: runner.context,
  }, io);
});
