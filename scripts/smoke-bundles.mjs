// Runs every bundle the way the runner starts it, with no inputs: each must load (no missing modules, valid
// ESM) and fail cleanly with one configuration error line and exit code 1 — never a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
let failed = 0;
for (const name of readdirSync(path.join(root, 'actions'))) {
  if (!existsSync(path.join(root, 'actions', name, 'action.yml'))) continue;
  const bundle = path.join(root, 'dist', name, 'index.js');
  const problems = [];
  if (!existsSync(bundle)) problems.push('bundle missing');
  else {
    if (readFileSync(bundle, 'utf8').includes('webpackMissingModule')) problems.push('contains webpackMissingModule');
    if (JSON.parse(readFileSync(path.join(root, 'dist', name, 'package.json'), 'utf8')).type !== 'module') problems.push('dist package.json lacks "type": "module"');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_') && !k.startsWith('INPUT_')));
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bundle], { env, encoding: 'utf8', timeout: 30_000 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 1) problems.push(`exit code ${run.status} (expected 1)`);
    if (!/^::error::Configuration error/m.test(run.stdout)) problems.push(`no configuration error line in stdout: ${run.stdout.slice(0, 300)}`);
    if (/\n\s+at /.test(run.stdout + run.stderr)) problems.push(`printed a stack trace: ${run.stderr.slice(0, 300)}`);
    console.log(`${problems.length ? 'FAIL' : 'ok  '} dist/${name}/index.js starts and fails cleanly without inputs (${ms.toFixed(0)} ms)`);
  }
  for (const problem of problems) console.log(`     ${problem}`);
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
