// Security-scan bench: throughput of the secrets and pattern engines against secretlint on this checkout's node_modules,
// a ~900 KB pull-request diff scanned as the action will, and precision/recall on labelled sets (secrets, dangerous
// patterns, input flows). Figures, not assertions: rewrites the figures section of bench/security/RESULTS.md.
// Rerun: `npx tsx bench/security-bench.ts` (about 4 minutes); `--quick`: every 10th file, one timed pass, printed only.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanPatterns, scanSecrets } from '@safe-deploy/core';
// The walker's own file, not the package index: the bench must not depend on every adapter loading.
import { readSourceTree } from '../packages/adapters/src/scan/read-source-tree';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { buildDiff } from './security/build-diff';
import type { LabelledCase } from './security/labelled-case';
import { LABELLED_FLOWS } from './security/labelled-flows';
import { LABELLED_PATTERNS } from './security/labelled-patterns';
import { labelledSecrets, minifiedNegatives } from './security/labelled-secrets';
import { measureDiff, type FileScanner } from './security/measure-diff';
import { measureThroughput, type TreeFile } from './security/measure-throughput';
import { renderResults, type CategoryResult } from './security/render-results';
import { scoreLabelled, type ScoredFinding } from './security/score-labelled';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const DIFF_RUNS = 5;
const root = path.resolve(import.meta.dirname, '..');
const started = performance.now();
const log = (line: string): void => void process.stderr.write(`${line}\n`);

// secretlint's CLI turns its profiler off unless `--profile`; left on, it adds performance marks for every rule and file.
secretLintProfiler.setEnabled(false);
const secretlintConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset, options: {} }] };
const secretlint = async (filePath: string, content: string) =>
  (await lintSource({ source: { filePath, content, ext: path.extname(filePath), contentType: 'text' }, options: { config: secretlintConfig, maskSecrets: true } })).messages;

/** Files the input-flow scanner could not analyse, reported beside its scores. */
const flowProblems: string[] = [];

/** The input-flow scanner, if the adapters package has it yet. */
async function loadFlowScanner(): Promise<{ scan: (path: string, text: string) => Promise<ScoredFinding[]> } | string> {
  const file = path.join(root, 'packages/adapters/src/scan/create-input-flow-scanner.ts');
  if (!existsSync(file)) return 'packages/adapters/src/scan/create-input-flow-scanner.ts does not exist yet';
  try {
    type FlowScan = { findings: ScoredFinding[]; problem?: string } | ScoredFinding[];
    const module = (await import(pathToFileURL(file).href)) as { createInputFlowScanner: () => Promise<{ scan(path: string, text: string): FlowScan | Promise<FlowScan> }> };
    const scanner = await module.createInputFlowScanner();
    return {
      scan: async (p, text) => {
        const result = await scanner.scan(p, text);
        if (Array.isArray(result)) return result;
        if (result.problem) flowProblems.push(`${p}: ${result.problem}`);
        return result.findings;
      },
    };
  } catch (error) {
    return `createInputFlowScanner failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

// 1. The tree, read once by the scan's own walker; both tools get the same in-memory files.
const treeRoot = 'node_modules';
const tree = await readSourceTree(path.join(root, treeRoot), { skipDirectories: ['.git'] });
const allFiles: TreeFile[] = tree.files.map((f) => ({ path: `${treeRoot}/${f.path}`, text: f.text, bytes: f.bytes }));
const files = quick ? allFiles.filter((_, i) => i % 10 === 0) : allFiles;
const skipped: Record<string, number> = {};
for (const s of tree.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
const rssAfterReadMiB = process.memoryUsage().rss / 2 ** 20;
log(`read ${files.length} files`);

// 2. The diff, timed first so its first pass is cold (no scanner has run in this process yet).
const flowScanner = await loadFlowScanner();
const built = buildDiff(allFiles, 740_000);
const flowExtra: FileScanner | undefined =
  typeof flowScanner === 'string' ? undefined : async (p, text, filter) => (await flowScanner.scan(p, text)).filter((f) => filter(f.line)).length;
const diff = await measureDiff(built, DIFF_RUNS, flowExtra);
const headMiB = [...built.head.values()].reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 2 ** 20;
rmSync(built.directory, { recursive: true, force: true });
log(`diff: ${Math.round(diff.medianWithReadMs)} ms`);

// 3. Throughput.
const throughput = await measureThroughput(
  files,
  [
    { name: 'scanSecrets', scan: (f) => scanSecrets(f.text, { path: f.path }).length },
    { name: 'scanSecrets + scanPatterns', scan: (f) => scanSecrets(f.text, { path: f.path }).length + scanPatterns(f.text, { path: f.path }).length },
    { name: 'secretlint', scan: async (f) => (await secretlint(f.path, f.text)).length },
  ],
  RUNS,
  log,
);

// 4. Labelled sets.
const MINIFIED = ['node_modules/source-map/dist/source-map.min.js', 'node_modules/handlebars/dist/handlebars.min.js', 'node_modules/esquery/dist/esquery.min.js', 'node_modules/neo-async/async.min.js'];
const minified = minifiedNegatives(MINIFIED.filter((p) => existsSync(path.join(root, p))).map((p) => ({ path: p, text: readFileSync(path.join(root, p), 'utf8') })));
const secretCases = [...labelledSecrets(), ...minified];
const scoreWith = async (cases: readonly LabelledCase[], scan: (c: LabelledCase) => Promise<ScoredFinding[]> | ScoredFinding[], anyRule = false) =>
  scoreLabelled(cases, await Promise.all(cases.map(async (c) => (await scan(c)).map(({ ruleId, line }) => ({ ruleId, line })))), { anyRule });
const categories: CategoryResult[] = [
  {
    category: 'secrets',
    title: 'Secrets',
    cases: secretCases,
    score: await scoreWith(secretCases, (c) => scanSecrets(c.text, { path: c.path })),
    secretlint: await scoreWith(secretCases, async (c) => (await secretlint(c.path, c.text)).map((m) => ({ ruleId: m.ruleId, line: m.loc.start.line })), true),
    goal: { precision: 0.9, recall: 0.9 },
  },
  { category: 'patterns', title: 'Dangerous patterns', cases: LABELLED_PATTERNS, score: await scoreWith(LABELLED_PATTERNS, (c) => scanPatterns(c.text, { path: c.path })), goal: { precision: 0.8, recall: 0.75 } },
  typeof flowScanner === 'string'
    ? { category: 'flows', title: 'Input flows', cases: LABELLED_FLOWS, notRun: flowScanner, goal: { precision: 0.8, recall: 0.75 } }
    : { category: 'flows', title: 'Input flows', cases: LABELLED_FLOWS, score: await scoreWith(LABELLED_FLOWS, (c) => flowScanner.scan(c.path, c.text)), problems: flowProblems, goal: { precision: 0.8, recall: 0.75 } },
];

const cpus = os.cpus();
const figures = renderResults(
  {
    command: `npx tsx bench/security-bench.ts${quick ? ' --quick' : ''}`,
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`,
    seconds: (performance.now() - started) / 1000,
  },
  {
    root: treeRoot,
    files: files.length,
    mib: files.reduce((sum, f) => sum + f.bytes, 0) / 2 ** 20,
    skipped,
    sampled: quick ? 'every 10th file of the walk (--quick)' : 'the whole tree',
    rssAfterReadMiB,
    runs: RUNS,
  },
  throughput,
  { ...diff, diffKiB: Buffer.byteLength(built.diff) / 1024, headMiB, planted: built.planted, runs: DIFF_RUNS, withFlows: flowExtra !== undefined },
  categories,
);

const START = '<!-- figures:start (generated by bench/security-bench.ts; edit outside the markers) -->';
const END = '<!-- figures:end -->';
console.log(figures);
if (!quick) {
  const out = path.join(import.meta.dirname, 'security', 'RESULTS.md');
  const page = existsSync(out) ? readFileSync(out, 'utf8') : `# Security-scan bench\n\n${START}\n${END}\n`;
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${out} lost its figure markers; restore ${START} … ${END}`);
  writeFileSync(out, `${page.slice(0, from + START.length)}\n${figures}\n${page.slice(to)}`);
  log(`wrote ${path.relative(process.cwd(), out)}`);
}
