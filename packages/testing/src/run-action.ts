import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What a bundled action left behind, as a workflow would see it. */
export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  /** `::error::` / `::warning::` workflow commands the action printed. */
  annotations: { level: 'error' | 'warning' | 'notice'; message: string; properties: Record<string, string> }[];
  /** Values registered with `::add-mask::`. */
  masked: string[];
  state: Record<string, string>;
}

/** How to run a bundle: its inputs by action.yml name, the event, and the runner variables to override. */
export interface RunActionOptions {
  inputs?: Record<string, string>;
  eventName?: string;
  event?: Record<string, unknown>;
  env?: Record<string, string>;
  workspace?: string;
  timeoutMs?: number;
  /** Cancels the run as the runner does (SIGINT) once its output matches: a cancelled workflow mid-step. */
  cancelWhen?: RegExp;
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Parses the runner's GITHUB_OUTPUT / GITHUB_STATE file format (`name<<delimiter` heredocs and `name=value` lines). */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '');
      result[heredoc[1]] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      result[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return result;
}

/**
 * Runs `node dist/<name>/index.js` as the runner does: INPUT_* variables (upper-cased, spaces to underscores,
 * hyphens kept), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, GITHUB_EVENT_PATH with the payload,
 * and the usual GITHUB_* variables; then reads everything back.
 */
export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), `run-${name}-`));
  try {
    const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md'), state: path.join(dir, 'state'), event: path.join(dir, 'event.json') };
    await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.state, ''), writeFile(files.event, JSON.stringify(options.event ?? {}))]);
    const inputs = Object.fromEntries(Object.entries(options.inputs ?? {}).map(([key, value]) => [`INPUT_${key.replace(/ /g, '_').toUpperCase()}`, value]));
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_') && !key.startsWith('GITHUB_') && !key.startsWith('RUNNER_')));
    const env: Record<string, string> = {
      ...(base as Record<string, string>),
      NODE_OPTIONS: '',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_OWNER: 'acme',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_RUN_NUMBER: '17',
      GITHUB_WORKFLOW: 'deploy',
      GITHUB_JOB: 'deploy',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SHA: '0000000000000000000000000000000000000000',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKSPACE: options.workspace ?? dir,
      RUNNER_TEMP: dir,
      RUNNER_OS: 'Linux',
      ...inputs,
      ...options.env,
    };
    const { exitCode, stdout, stderr } = await spawnNode(path.join(repoRoot, 'dist', name, 'index.js'), env, options.workspace ?? dir, options.timeoutMs ?? 120_000, options.cancelWhen);
    const [output, summary, state] = await Promise.all([readFile(files.output, 'utf8'), readFile(files.summary, 'utf8'), readFile(files.state, 'utf8')]);
    const annotations = [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((m) => ({
      level: m[1] as 'error' | 'warning' | 'notice',
      message: unescapeCommand(m[3] ?? ''),
      properties: Object.fromEntries(
        (m[2] ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => [pair.slice(0, pair.indexOf('=')), unescapeCommand(pair.slice(pair.indexOf('=') + 1)).replace(/%3A/g, ':').replace(/%2C/g, ',')]),
      ),
    }));
    const masked = [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1] ?? '');
    return { exitCode, outputs: parseCommandFile(output), summary, stdout, stderr, annotations, masked, state: parseCommandFile(state) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function unescapeCommand(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

function spawnNode(file: string, env: Record<string, string>, cwd: string, timeoutMs: number, cancelWhen?: RegExp): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (cancelWhen && !cancelled && cancelWhen.test(stdout)) {
        cancelled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, stdout, stderr });
    });
  });
}
