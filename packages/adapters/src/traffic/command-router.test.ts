import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError, ExternalError } from '@safe-deploy/core';
import { ProcessCommandRunner } from '../exec/process-command-runner';
import { CommandRouter } from './command-router';

// A stand-in for seed 004's deploy.sh: `update-traffic <weight>` stores the weight (and how it was called),
// `current-traffic` prints some chatter and then the weight, `broken` fails loudly, `slow` outlives its timeout.
const DEPLOY_SH = `#!/usr/bin/env bash
set -euo pipefail
case "$1" in
  update-traffic)
    printf '%s\\n' "args=\${*:2}" "env=\${SAFE_DEPLOY_WEIGHT:-}" "region=\${REGION:-}" "cwd=$PWD" >> calls.log
    printf '%s\\n' "$2" > traffic.txt
    echo "traffic set to $2 %" ;;
  current-traffic)
    echo "reading the load balancer..."
    echo ""
    cat traffic.txt ;;
  chatter) echo "weight: unknown" ;;
  broken)
    echo "connecting to the load balancer"
    echo "error: 503 from lb.example.com" >&2
    exit 3 ;;
  slow) sleep 10 ;;
esac
`;

let dir: string;
const output: string[] = [];
const runner = new ProcessCommandRunner({ secrets: [], echo: (chunk) => output.push(chunk) });
const router = (options: Record<string, unknown>) => CommandRouter.fromConfig({ kind: 'command', ...options }, { runner, workingDirectory: dir, env: { REGION: 'eu-west-1' } });
const calls = async () => (await readFile(path.join(dir, 'calls.log'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safe-deploy-command-router-'));
  await writeFile(path.join(dir, 'deploy.sh'), DEPLOY_SH);
  await chmod(path.join(dir, 'deploy.sh'), 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CommandRouter through a real script', () => {
  it('appends the weight to a plain command, passes it as SAFE_DEPLOY_WEIGHT and reads it back', async () => {
    const traffic = router({ command: './deploy.sh update-traffic', 'read-command': './deploy.sh current-traffic' });
    await traffic.setWeight(25);
    expect(await calls()).toEqual(['args=25', 'env=25', 'region=eu-west-1', `cwd=${dir}`]);
    expect(output.join('')).toContain('traffic set to 25 %');
    expect(await traffic.readWeight()).toEqual({ weight: 25, detail: '`./deploy.sh current-traffic` reports 25 % to the canary' });

    await traffic.setWeight(2.5);
    expect(await traffic.readWeight()).toEqual({ weight: 2.5, detail: expect.stringContaining('2.5 %') });
  });

  it('gives a command with shell syntax the weight in SAFE_DEPLOY_WEIGHT only', async () => {
    await rm(path.join(dir, 'calls.log'), { force: true });
    await router({ command: './deploy.sh update-traffic "$SAFE_DEPLOY_WEIGHT" && echo switched' }).setWeight(50);
    expect(await calls()).toEqual(['args=50', 'env=50', 'region=eu-west-1', `cwd=${dir}`]);
    expect(output.join('')).toContain('switched');
  });

  it('fails with an ExternalError naming the command, its exit code and the end of its output', async () => {
    const error = (await router({ command: './deploy.sh broken' }).setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe('traffic command: `./deploy.sh broken 5` exited with code 3; output: connecting to the load balancer | error: 503 from lb.example.com.');
    expect((error as ExternalError).status).toBe(3);
  });

  it('kills a command that outlives its timeout and says a retry may help', async () => {
    const error = (await router({ command: './deploy.sh slow', timeout: 1 }).setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe('traffic command: `./deploy.sh slow 5` did not finish within 1 s and was killed; it printed nothing.');
    expect((error as ExternalError).retryable).toBe(true);
  });

  it('names canary.router.command when the script does not exist', async () => {
    const error = (await router({ command: './deploy-typo.sh update-traffic' }).setWeight(5).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).where).toBe('canary.router.command');
    expect(error.message).toMatch(/`\.\/deploy-typo\.sh update-traffic 5` exited with code 127: it, or a program it runs, was not found; output: could not start \.\/deploy-typo\.sh/);
  });

  it('refuses a weight outside 0–100 without running anything', async () => {
    await rm(path.join(dir, 'calls.log'), { force: true });
    await expect(router({ command: './deploy.sh update-traffic' }).setWeight(120)).rejects.toThrow(RangeError);
    expect(await calls()).toEqual([]);
  });

  it('cannot read the split back without a read-command, and says so', async () => {
    expect(await router({ command: './deploy.sh update-traffic' }).readWeight()).toEqual({
      weight: undefined,
      detail: "the command router has no read-command, so the split cannot be read back; trusting the command's exit code",
    });
  });

  it('reports no weight, and why, when the read-command prints something else', async () => {
    expect(await router({ command: './deploy.sh update-traffic', 'read-command': './deploy.sh chatter' }).readWeight()).toEqual({
      weight: undefined,
      detail: '`./deploy.sh chatter` printed "weight: unknown" on its last line, not a canary weight from 0 to 100',
    });
  });

  it('fails with an ExternalError when the read-command fails', async () => {
    const error = (await router({ command: './deploy.sh update-traffic', 'read-command': './deploy.sh broken' }).readWeight().catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe('traffic read-command: `./deploy.sh broken` exited with code 3; stderr: error: 503 from lb.example.com.');
  });
});
