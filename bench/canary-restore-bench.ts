// How long a bad canary has traffic: the progressive-deploy bundle ships a faulty v3 through a real nginx, judged
// from a real Prometheus, with a check every 10 s (the issue's goal: traffic back on stable within 30 s of the bad
// version first taking any), several times per fault; and how many GitHub requests a full 4-stage rollout makes.
// Figures, not a test: `npm run bench:restore` (about 5 minutes; needs nginx and Prometheus, installed if missing).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureTools, startLocalStage, VERSIONS } from '../demo/local-stage';

const RUNS: { fault: string; faults: Record<string, string>; runs: number }[] = [
  { fault: '30 % of requests fail', faults: { APP_ERROR_RATE: '30' }, runs: 5 },
  { fault: '+300 ms on every request', faults: { APP_LATENCY_MS: '300' }, runs: 3 },
];
const requestsOf = (summary: string) => Number(/GitHub requests made by this run: (\d+)/.exec(summary)?.[1] ?? Number.NaN);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

ensureTools();
const stage = await startLocalStage();
const rows: string[] = [];
let requestsFull = Number.NaN;
try {
  await stage.writePolicy({ 'check-interval': '10s', 'control-interval': '10s', stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '20s' })) });
  for (const { fault, faults, runs } of RUNS) {
    await stage.setFaults(VERSIONS.v3, faults);
    const seconds: number[] = [];
    const results: string[] = [];
    for (let i = 0; i < runs; i++) {
      await stage.startLoad(100);
      const run = await stage.deploy(VERSIONS.v3, { override: 'bench' });
      results.push(`${run.outputs.result} at stage ${run.outputs.stage}`);
      if (run.outputs.result === 'rolled-back') seconds.push(Number(run.outputs['seconds-to-restore']));
      console.log(`${fault}, run ${i + 1}: ${run.outputs.result}, ${run.outputs['seconds-to-restore'] || '—'} s, ${requestsOf(run.summary)} GitHub requests`);
    }
    rows.push(`| ${fault} | ${results.filter((r) => r.startsWith('rolled-back')).length} of ${runs} | ${seconds.length ? `${Math.min(...seconds).toFixed(1)} / ${median(seconds).toFixed(1)} / ${Math.max(...seconds).toFixed(1)}` : '—'} | ${[...new Set(results)].join(', ')} |`);
  }
  // A good release through all four stages (15 s each, a check every 5 s), for the request count.
  await stage.writePolicy({ 'check-interval': '5s', 'control-interval': '5s', stages: [5, 25, 50, 100].map((weight) => ({ weight, hold: '15s' })) });
  await stage.startLoad(100);
  const good = await stage.deploy(VERSIONS.v2, { override: 'bench' });
  requestsFull = requestsOf(good.summary);
  console.log(`good v2: ${good.outputs.result}, ${requestsFull} GitHub requests`);
} finally {
  await stage.close();
}
const report = [
  '# Time to restore (`bench/canary-restore-bench.ts`)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:restore\` on this machine (2 cores): nginx 1.22 and Prometheus 2.42 from Debian, scraping every 1 s; 100 requests/s through nginx; the canary at 5 % (so ~5 requests/s); a check every 10 s over a 10 s window; \`minimum-requests: 20\`. Seconds from the router serving the canary its first share to the router serving 0 % again (the \`seconds-to-restore\` output).`,
  '',
  '| fault in v3 | rolled back | seconds (min / median / max) | results |',
  '|---|---|---|---|',
  ...rows,
  '',
  `A good rollout through all four stages (15 s holds, a check every 5 s, a control read every 5 s) made ${requestsFull} GitHub requests; with the default policy (10/10/10/30 min, a check a minute, a control read every 5 min) the unit test counts 21.`,
  '',
].join('\n');
await writeFile(path.join(import.meta.dirname, 'canary', 'RESTORE.md'), report);
console.log(`\n${report}`);
