// The TrafficRouter contract, run against the fake and both real router kinds (built through the registry, as the
// action builds them from the policy): the command router with a real script that keeps the weight in a file, and
// the nginx router against a real nginx (skipped, with a message, only where nginx is not installed and CI is unset).
import { afterAll, beforeAll } from '@jest/globals';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessCommandRunner } from '../../packages/adapters/src/exec/process-command-runner';
import { createTrafficRouter } from '../../packages/adapters/src/traffic/create-traffic-router';
import { FakeTrafficRouter } from '../../packages/testing/src/fakes';
import { nginxAvailable, startNginx, type LocalNginx } from '../support/start-nginx';
import { describeTrafficRouterContract } from '../support/traffic-router-contract';

let workspace: string;
let nginx: LocalNginx | undefined;
const runner = new ProcessCommandRunner({ secrets: [], echo: () => {} });
const withNginx = nginxAvailable() || Boolean(process.env.CI);

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'router-contract-'));
  await writeFile(path.join(workspace, 'route.sh'), '#!/bin/sh\necho "$1" > weight.txt\n');
  await chmod(path.join(workspace, 'route.sh'), 0o755);
  if (withNginx) nginx = await startNginx({ stable: '127.0.0.1:1', canary: '127.0.0.1:2' });
}, 30_000);

afterAll(async () => {
  await nginx?.close();
  await rm(workspace, { recursive: true, force: true });
});

describeTrafficRouterContract('FakeTrafficRouter', async () => new FakeTrafficRouter(), { readsBack: true });
describeTrafficRouterContract('the command router with a read-command', async () => createTrafficRouter({ kind: 'command', command: './route.sh', 'read-command': 'cat weight.txt' }, { runner, workingDirectory: workspace }), { readsBack: true });
describeTrafficRouterContract('the command router without a read-command', async () => createTrafficRouter({ kind: 'command', command: './route.sh' }, { runner, workingDirectory: workspace }), { readsBack: false });
if (withNginx) {
  describeTrafficRouterContract('the nginx router', async () => createTrafficRouter(nginx?.routerConfig() ?? { kind: 'nginx' }, { runner, workingDirectory: workspace }), { readsBack: true });
} else {
  console.warn('nginx is not installed: the nginx router is not checked against the contract here (npm run setup:e2e installs it).');
}
