// Canary-judgement bench: simulated rollouts with known truth, judged by the engine (packages/core/src/analysis),
// the seeds' fixed thresholds and a Kayenta-style Mann-Whitney test on the same traces, against Wald's SPRT as the
// limit. Figures, not assertions: writes bench/canary/RESULTS.md. Rerun: `npx tsx bench/canary-judgement-bench.ts`
// (`--quick`: a tenth of the rollouts, printed only).
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderResults } from './canary/render-results';
import type { CellResult } from './canary/run-cell';
import { canaryCells, type Cell } from './canary/scenarios';

const quick = process.argv.includes('--quick');
const AA_ROLLOUTS = quick ? 200 : 2000;
const ROLLOUTS = quick ? 100 : 1000;
const PROCESSES = 2;

const started = performance.now();
const cells = canaryCells(AA_ROLLOUTS, ROLLOUTS);
// Longest first (latency cells cost most), handed to whichever process is free: both cores stay busy.
const cost = (c: Cell): number => c.rollouts * (c.latency ? 5 : 1);
const queue = [...cells].sort((a, b) => cost(b) - cost(a));
const results: CellResult[] = [];
await Promise.all(
  Array.from({ length: PROCESSES }, () => {
    const child = fork(path.join(import.meta.dirname, 'canary', 'cell-worker.ts'), [], { execArgv: process.execArgv });
    return new Promise<void>((resolve, reject) => {
      const next = (): void => {
        const cell = queue.shift();
        if (cell) child.send(cell);
        else {
          child.disconnect();
          resolve();
        }
      };
      child.on('message', (result: CellResult) => {
        results.push(result);
        process.stderr.write(`\r${results.length}/${cells.length} cells`);
        next();
      });
      child.on('error', reject);
      child.on('exit', (code) => (code ? reject(new Error(`cell worker exited with ${code}`)) : resolve()));
      next();
    });
  }),
);
process.stderr.write('\n');
const order = new Map(cells.map((c, i) => [c.id, i]));
results.sort((a, b) => (order.get(a.cell.id) ?? 0) - (order.get(b.cell.id) ?? 0));
const markdown = renderResults(results, {
  command: `npx tsx bench/canary-judgement-bench.ts${quick ? ' --quick' : ''}`,
  seconds: (performance.now() - started) / 1000,
  aaRollouts: AA_ROLLOUTS,
  rollouts: ROLLOUTS,
  processes: PROCESSES,
  node: process.versions.node,
});
console.log(markdown);
if (!quick) {
  const out = path.join(import.meta.dirname, 'canary', 'RESULTS.md');
  writeFileSync(out, markdown);
  console.error(`wrote ${path.relative(process.cwd(), out)}`);
}
