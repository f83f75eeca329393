// Measures the rollback bundle: size on disk, cold start (node loading the bundle until it exits on missing
// inputs), a full dry run's wall time, and the GitHub requests a dry run, an apply and a no-op make against
// the local GitHub. Prints a markdown table; figures are recorded in bench/README.md. Not a test: nothing here
// asserts on time.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Scenario, startHealthServer } from '../test/integration/scenario';

const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'dist', 'rollback', 'index.js');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_') && !k.startsWith('INPUT_')));
const cold: number[] = [];
for (let i = 0; i < 15; i++) {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, [bundle], { env, stdio: 'ignore' });
  cold.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bundle], { env, encoding: 'utf8' });

const { scenario } = await Scenario.startShop();
const health = await startHealthServer(200);
const count = () => ({ all: scenario.github.requests().length, writes: scenario.writes().length });
const rows: string[] = [];
try {
  const timed: number[] = [];
  let dry = { all: 0, writes: 0 };
  for (let i = 0; i < 5; i++) {
    scenario.github.resetLog();
    const started = performance.now();
    await scenario.run({ environment: 'production', 'dry-run': 'true' });
    timed.push(performance.now() - started);
    dry = count();
  }
  scenario.github.resetLog();
  const applyStarted = performance.now();
  const apply = await scenario.run({ environment: 'production', 'health-url': health.url, 'rollback-command': 'true' });
  const applyMs = performance.now() - applyStarted;
  const applied = count();
  scenario.github.resetLog();
  await scenario.run({ environment: 'production', 'health-url': health.url });
  const noop = count();
  rows.push(
    `| bundle size | ${(statSync(bundle).size / 1024).toFixed(0)} KiB (dist/rollback/index.js) |`,
    `| cold start (load + exit on missing inputs), median of 15 | ${median(cold).toFixed(0)} ms |`,
    `| peak RSS of that start | ${rss.status === null || !rss.stderr.trim() ? 'n/a (/usr/bin/time missing)' : `${(Number(rss.stderr.trim().split('\n').at(-1)) / 1024).toFixed(0)} MiB`} |`,
    `| dry run, wall time (spawn → exit), median of 5 | ${median(timed).toFixed(0)} ms |`,
    `| GitHub requests: dry run | ${dry.all} (${dry.writes} writes) |`,
    `| GitHub requests: apply (${apply.outputs.result}) | ${applied.all} (${applied.writes} writes), ${applyMs.toFixed(0)} ms wall time incl. GitHub's 1 s write pacing |`,
    `| GitHub requests: second run (no-op) | ${noop.all} (${noop.writes} writes) |`,
  );
} finally {
  await health.close();
  await scenario.close();
}
console.log(['| measure | value |', '|---|---|', ...rows].join('\n'));
