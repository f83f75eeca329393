// Bundles every action (actions/<name>/src/main.ts) into dist/<name>/index.js with @vercel/ncc.
// ncc writes dist/<name>/package.json with "type": "module" beside the bundle: without it Node would load the
// ESM bundle as CommonJS. The bundle is checked for webpackMissingModule, which ncc leaves (exit 0) when a
// module could not be resolved.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const actions = readdirSync(path.join(root, 'actions')).filter(
  (name) => existsSync(path.join(root, 'actions', name, 'action.yml')) && (only.length === 0 || only.includes(name)),
);
// Files a bundle loads at run time that ncc cannot (or must not) inline: the security scan's parser — web-tree-sitter's
// ES module and its WebAssembly, and the grammars — copied from their npm packages into dist/<name>/tree-sitter/.
const require = createRequire(path.join(root, 'packages', 'adapters', 'package.json'));
const packageFile = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const ASSETS = {
  'security-scan': [
    require.resolve('web-tree-sitter/tree-sitter.wasm'),
    path.join(path.dirname(require.resolve('web-tree-sitter/tree-sitter.wasm')), 'tree-sitter.js'),
    packageFile('tree-sitter-typescript', 'tree-sitter-typescript.wasm'),
    packageFile('tree-sitter-typescript', 'tree-sitter-tsx.wasm'),
    packageFile('tree-sitter-python', 'tree-sitter-python.wasm'),
    packageFile('tree-sitter-go', 'tree-sitter-go.wasm'),
  ],
};
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
  for (const asset of ASSETS[name] ?? []) {
    mkdirSync(path.join(out, 'tree-sitter'), { recursive: true });
    copyFileSync(asset, path.join(out, 'tree-sitter', path.basename(asset)));
  }
  const bundle = readFileSync(path.join(out, 'index.js'), 'utf8');
  if (bundle.includes('webpackMissingModule')) {
    console.error(`dist/${name}/index.js contains webpackMissingModule: a module could not be resolved.`);
    process.exit(1);
  }
  console.log(`dist/${name}/index.js ${(bundle.length / 1024).toFixed(0)} KiB`);
}
