#!/usr/bin/env node
/**
 * Extracts the subset of GitHub's OpenAPI description the local GitHub server implements.
 *
 * @octokit/openapi is 385 MB installed, so instead of depending on it we `npm pack` one
 * version, untar only the api.github.com description, keep the operations listed below and
 * every component they reach through `$ref`, and write
 * packages/testing/openapi/github-subset.json (stable key order, so re-running gives no diff).
 *
 * Usage: node scripts/extract-openapi.mjs [--tarball path/to/octokit-openapi-23.0.2.tgz]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@octokit/openapi@23.0.2';
const MEMBER = 'package/generated/api.github.com.json';
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/testing/openapi/github-subset.json');

const R = '/repos/{owner}/{repo}';
/** The operations the local GitHub implements: [method, path template]. */
const OPERATIONS = [
  ['get', R],
  ['post', `${R}/deployments`],
  ['get', `${R}/deployments`],
  ['get', `${R}/deployments/{deployment_id}`],
  ['delete', `${R}/deployments/{deployment_id}`],
  ['post', `${R}/deployments/{deployment_id}/statuses`],
  ['get', `${R}/deployments/{deployment_id}/statuses`],
  ['get', `${R}/deployments/{deployment_id}/statuses/{status_id}`],
  ['post', `${R}/issues`],
  ['get', `${R}/issues`],
  ['get', `${R}/issues/{issue_number}`],
  ['patch', `${R}/issues/{issue_number}`],
  ['post', `${R}/issues/{issue_number}/comments`],
  ['get', `${R}/issues/{issue_number}/comments`],
  ['patch', `${R}/issues/comments/{comment_id}`],
  ['post', `${R}/issues/{issue_number}/labels`],
  ['get', `${R}/labels`],
  ['post', `${R}/labels`],
  ['get', `${R}/labels/{name}`],
  ['get', `${R}/commits`],
  ['get', `${R}/commits/{ref}`],
  ['get', `${R}/compare/{basehead}`],
  ['get', `${R}/git/ref/{ref}`],
  ['get', `${R}/git/matching-refs/{ref}`],
  ['post', `${R}/git/refs`],
  ['patch', `${R}/git/refs/{ref}`],
  ['delete', `${R}/git/refs/{ref}`],
  ['post', `${R}/git/tags`],
  ['get', `${R}/git/tags/{tag_sha}`],
  ['get', `${R}/tags`],
  ['post', `${R}/statuses/{sha}`],
  ['get', `${R}/commits/{ref}/status`],
  ['get', '/rate_limit'],
];

function readDescription(tarballArg) {
  const dir = mkdtempSync(join(tmpdir(), 'octokit-openapi-'));
  try {
    let tarball = tarballArg;
    if (!tarball) {
      const name = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
      tarball = join(dir, name);
    }
    execFileSync('tar', ['-xzf', tarball, '-C', dir, MEMBER]);
    return JSON.parse(readFileSync(join(dir, MEMBER), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Drops examples, which validation never reads and which make up most of the size.
 * Descriptions stay: with them the subset is ~220 KB, and they are the reference for the server's semantics.
 */
function slim(node, isNameMap = false) {
  if (Array.isArray(node)) return node.map((item) => slim(item));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // Inside `properties` keys are names, so a property called "example" stays.
    if (!isNameMap && (key === 'example' || key === 'examples')) continue;
    out[key] = slim(value, key === 'properties');
  }
  return out;
}

function collectRefs(node, found) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else collectRefs(value, found);
    }
  }
}

function sortKeys(node) {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.keys(node).sort().map((key) => [key, sortKeys(node[key])]));
}

function extract(full) {
  const paths = {};
  for (const [method, path] of OPERATIONS) {
    const operation = full.paths[path]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in ${PACKAGE}; fix the OPERATIONS list.`);
    paths[path] ??= {};
    paths[path][method] = slim(operation);
  }
  const components = {};
  const queue = [];
  collectRefs(paths, queue);
  const seen = new Set();
  while (queue.length > 0) {
    const ref = queue.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    if (!match) throw new Error(`Unsupported $ref ${ref}; only #/components/<kind>/<name> is handled.`);
    const [, kind, name] = match;
    const target = full.components[kind]?.[name];
    if (target === undefined) throw new Error(`Dangling $ref ${ref} in ${PACKAGE}.`);
    const slimmed = slim(target);
    components[kind] ??= {};
    components[kind][name] = slimmed;
    collectRefs(slimmed, queue);
  }
  return sortKeys({
    openapi: full.openapi,
    info: { title: full.info.title, version: full.info.version, 'x-source': PACKAGE },
    servers: full.servers,
    paths,
    components,
  });
}

const tarballFlag = process.argv.indexOf('--tarball');
const full = readDescription(tarballFlag >= 0 ? process.argv[tarballFlag + 1] : undefined);
const subset = extract(full);
mkdirSync(dirname(OUTPUT), { recursive: true });
const text = `${JSON.stringify(subset, null, 1)}\n`;
writeFileSync(OUTPUT, text);
console.log(`wrote ${OUTPUT}: ${OPERATIONS.length} operations, ${(text.length / 1024).toFixed(0)} KiB`);
