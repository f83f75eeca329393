// Bundles every action (actions/<name>/src/main.ts) into dist/<name>/index.js with @vercel/ncc.
// ncc writes dist/<name>/package.json with "type": "module" beside the bundle: without it Node would load the
// ESM bundle as CommonJS. The bundle is checked for webpackMissingModule, which ncc leaves (exit 0) when a
// module could not be resolved.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const actions = readdirSync(path.join(root, 'actions')).filter(
  (name) => existsSync(path.join(root, 'actions', name, 'action.yml')) && (only.length === 0 || only.includes(name)),
);
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

for (const name of actions) {
  const out = path.join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', path.join('actions', name, 'src', 'main.ts'), '-o', out, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const pkg = path.join(out, 'package.json');
  const type = existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).type : undefined;
  if (type !== 'module') writeFileSync(pkg, `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  const bundle = readFileSync(path.join(out, 'index.js'), 'utf8');
  if (bundle.includes('webpackMissingModule')) {
    console.error(`dist/${name}/index.js contains webpackMissingModule: a module could not be resolved.`);
    process.exit(1);
  }
  console.log(`dist/${name}/index.js ${(bundle.length / 1024).toFixed(0)} KiB`);
}
