import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { readHealthWatchInputs } from '../../actions/health-watch/src/health-watch-inputs';
import { readProgressiveDeployInputs } from '../../actions/progressive-deploy/src/progressive-deploy-inputs';
import { readRollbackInputs } from '../../actions/rollback/src/rollback-inputs';
import { readSecurityScanInputs } from '../../actions/security-scan/src/security-scan-inputs';
import { SUITE_VERSION } from '../../packages/core/src/suite-version';

// Our own schema for action.yml (GitHub's metadata syntax for JavaScript actions), stricter than GitHub's:
// every input and output described, runs on node24 from the committed bundle, branding present.
const actionSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(20),
  author: z.string().min(1),
  branding: z.strictObject({
    icon: z.string().min(1),
    color: z.enum(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']),
  }),
  inputs: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, 'input names are kebab-case'),
    z.strictObject({ description: z.string().min(10), required: z.boolean(), default: z.string().optional(), deprecationMessage: z.string().optional() }),
  ),
  outputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.strictObject({ description: z.string().min(10) })),
  runs: z.strictObject({
    using: z.literal('node24'),
    main: z.string(),
    pre: z.string().optional(),
    post: z.string().optional(),
    'post-if': z.string().optional(),
  }),
});

const root = path.resolve(import.meta.dirname, '..', '..');
const actions = readdirSync(path.join(root, 'actions')).filter((name) => existsSync(path.join(root, 'actions', name, 'action.yml')));
const load = (name: string) => parse(readFileSync(path.join(root, 'actions', name, 'action.yml'), 'utf8')) as unknown;

/** Every input an action's reader asks for (a fake reader records the names). */
const readers: Record<string, (read: (name: string) => string) => unknown> = {
  rollback: readRollbackInputs,
  'health-watch': readHealthWatchInputs,
  'progressive-deploy': readProgressiveDeployInputs,
  'security-scan': readSecurityScanInputs,
};

describe.each(actions)('actions/%s/action.yml', (name) => {
  it('follows the metadata schema and points at its committed bundle', () => {
    const action = actionSchema.parse(load(name));
    expect(action.runs.main).toBe(`../../dist/${name}/index.js`);
    expect(existsSync(path.resolve(root, 'actions', name, action.runs.main))).toBe(true);
  });

  it('has an ESM bundle without unresolved modules', () => {
    const bundle = readFileSync(path.join(root, 'dist', name, 'index.js'), 'utf8');
    expect(bundle).not.toContain('webpackMissingModule');
    expect(JSON.parse(readFileSync(path.join(root, 'dist', name, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('declares exactly the inputs the code reads', () => {
    const action = actionSchema.parse(load(name));
    const reader = readers[name];
    expect(reader).toBeDefined();
    const asked = new Set<string>();
    const values: Record<string, string> = { environment: 'production', token: 'x', 'dry-run': 'auto' };
    reader?.((input) => {
      asked.add(input);
      return values[input] ?? action.inputs[input]?.default ?? '';
    });
    expect([...asked].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('has a README whose tables are generated from action.yml', () => {
    const readme = readFileSync(path.join(root, 'actions', name, 'README.md'), 'utf8');
    const action = actionSchema.parse(load(name));
    for (const input of Object.keys(action.inputs)) expect(readme).toContain(`| \`${input}\` |`);
    for (const output of Object.keys(action.outputs)) expect(readme).toContain(`| \`${output}\` |`);
  });
});

describe('the suite version', () => {
  it('is the one in the root package.json (reports and SARIF carry it)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(SUITE_VERSION).toBe(pkg.version);
  });
});
