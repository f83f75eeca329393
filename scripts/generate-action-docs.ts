// Generates the inputs/outputs tables of every action from its action.yml (the source of truth) into
// actions/<name>/README.md and README.md, between `<!-- <name>:inputs -->` / `<!-- <name>:outputs -->` markers
// and their `<!-- end -->`. With --check it only reports files that are out of date (exit 1).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ActionYaml {
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
}

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();
}

/** The markdown tables for one action. */
export function renderTables(action: ActionYaml): { inputs: string; outputs: string } {
  const inputs = [
    '| Input | Required | Default | Description |',
    '|---|---|---|---|',
    ...Object.entries(action.inputs ?? {}).map(
      ([name, input]) => `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`,
    ),
  ].join('\n');
  const outputs = ['| Output | Description |', '|---|---|', ...Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)].join(
    '\n',
  );
  return { inputs, outputs };
}

function replaceBetween(text: string, marker: string, content: string): string {
  const start = `<!-- ${marker} -->`;
  const pattern = new RegExp(`${start}\\n[\\s\\S]*?<!-- end -->`, 'g');
  return text.replace(pattern, `${start}\n${content}\n<!-- end -->`);
}

let stale = 0;
const names = readdirSync(path.join(root, 'actions')).filter((name) => existsSync(path.join(root, 'actions', name, 'action.yml')));
const docs = [path.join(root, 'README.md'), ...names.map((name) => path.join(root, 'actions', name, 'README.md'))].filter((file) => existsSync(file));
for (const file of docs) {
  const before = readFileSync(file, 'utf8');
  let after = before;
  for (const name of names) {
    const tables = renderTables(parse(readFileSync(path.join(root, 'actions', name, 'action.yml'), 'utf8')) as ActionYaml);
    after = replaceBetween(replaceBetween(after, `${name}:inputs`, tables.inputs), `${name}:outputs`, tables.outputs);
  }
  if (after === before) continue;
  stale++;
  if (check) console.error(`${path.relative(root, file)} is out of date with action.yml: run 'npm run docs'.`);
  else writeFileSync(file, after);
}
if (check && stale) process.exit(1);
if (!check) console.log(`docs: ${stale} file(s) updated`);
