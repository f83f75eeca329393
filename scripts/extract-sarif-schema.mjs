#!/usr/bin/env node
/**
 * Extracts the official SARIF 2.1.0 JSON schema (OASIS, as shipped by Microsoft's SARIF multitool, MIT) into
 * packages/testing/sarif/sarif-2.1.0.json, for validating the SARIF the security scan writes.
 *
 * The schema is only published inside @microsoft/sarif-multitool-linux (a 43 MB tarball of the .NET tool), so we
 * `npm pack` one version and untar that one member instead of depending on the package.
 *
 * Usage: node scripts/extract-sarif-schema.mjs [--tarball path/to/microsoft-sarif-multitool-linux-5.7.0.tgz]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@microsoft/sarif-multitool-linux@5.7.0';
const MEMBER = 'package/sarif-2.1.0.json';
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/testing/sarif/sarif-2.1.0.json');

const work = mkdtempSync(join(tmpdir(), 'sarif-schema-'));
try {
  const given = process.argv.indexOf('--tarball');
  const tarball = given > 0 ? resolve(process.argv[given + 1]) : join(work, execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').at(-1));
  execFileSync('tar', ['xzf', tarball, '-C', work, MEMBER]);
  const schema = JSON.parse(readFileSync(join(work, MEMBER), 'utf8'));
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema' || !/2\.1\.0/.test(schema.title)) throw new Error(`unexpected schema: ${schema.$schema} ${schema.title}`);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${OUTPUT} (${PACKAGE}, ${MEMBER})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
