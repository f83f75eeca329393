import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@safe-deploy/core';
import { resolveScanScope } from './resolve-scan-scope';
import { readSecurityScanInputs } from './security-scan-inputs';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const pr = { pull_request: { base: { sha: A }, head: { sha: B } } };
const none = { base: undefined, head: undefined };

describe('resolveScanScope', () => {
  it.each([
    ['a pull request in auto mode is a diff of its shas', { mode: 'auto' as const, ...none }, pr, 'pull_request', { mode: 'diff', base: A, head: B }],
    ['a push is a diff of before..after', { mode: 'auto' as const, ...none }, { before: A, after: B }, 'push', { mode: 'diff', base: A, head: B }],
    ['a new branch (before is zeros) is the whole tree', { mode: 'auto' as const, ...none }, { before: '0'.repeat(40), after: B }, 'push', { mode: 'tree' }],
    ['a schedule is the whole tree', { mode: 'auto' as const, ...none }, {}, 'schedule', { mode: 'tree' }],
    ['explicit inputs win over the event', { mode: 'auto' as const, base: 'main', head: 'HEAD' }, pr, 'pull_request', { mode: 'diff', base: 'main', head: 'HEAD' }],
    ['tree ignores the event', { mode: 'tree' as const, ...none }, pr, 'pull_request', { mode: 'tree' }],
    ['history without base is all of head', { mode: 'history' as const, ...none }, {}, 'workflow_dispatch', { mode: 'history', head: 'HEAD' }],
    ['history with base', { mode: 'history' as const, base: A, head: undefined }, {}, 'workflow_dispatch', { mode: 'history', base: A, head: 'HEAD' }],
  ])('%s', (_name, inputs, event, eventName, expected) => {
    expect(resolveScanScope(inputs, event, eventName)).toMatchObject(expected);
  });

  it('diff mode without a base names the input and the fix', () => {
    expect(() => resolveScanScope({ mode: 'diff', ...none }, {}, 'schedule')).toThrow(ConfigurationError);
    expect(() => resolveScanScope({ mode: 'diff', ...none }, {}, 'schedule')).toThrow(/input 'base': diff mode needs .* Fix: Pass base/);
  });
});

describe('readSecurityScanInputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('defaults to every scanner, auto mode and OSV', () => {
    const inputs = readSecurityScanInputs(read({ advisories: 'osv-api' }));
    expect(inputs).toMatchObject({ mode: 'auto', failOn: undefined, failOnIncomplete: true, maxFileBytes: 5 * 1024 * 1024, advisories: [{ kind: 'osv-api' }] });
    expect([...inputs.parts]).toEqual(['secrets', 'patterns', 'input-flow', 'dependencies']);
  });

  it('parses advisory sources with their arguments, and none', () => {
    expect(readSecurityScanInputs(read({ advisories: 'osv-api=https://osv.internal, osv-dir=osv/npm\nnpm=https://registry.internal' })).advisories).toEqual([
      { kind: 'osv-api', value: 'https://osv.internal' },
      { kind: 'osv-dir', value: 'osv/npm' },
      { kind: 'npm', value: 'https://registry.internal' },
    ]);
    const none = readSecurityScanInputs(read({ advisories: 'none' }));
    expect(none.advisories).toEqual([]);
    expect(none.parts.has('dependencies')).toBe(false);
  });

  it.each([
    [{ mode: 'full' }, /input 'mode': 'full' is not a mode/],
    [{ 'fail-on': 'severe' }, /input 'fail-on': 'severe' is not a severity/],
    [{ scanners: 'secrets, pattern' }, /input 'scanners': 'pattern' is not a scanner\. Did you mean 'patterns'\?/],
    [{ advisories: 'osv' }, /input 'advisories': 'osv' is not an advisory source/],
    [{ advisories: 'osv-dir' }, /osv-dir needs a path/],
    [{ advisories: 'npm=registry.internal' }, /not an http\(s\) URL for npm/],
    [{ 'fail-on-incomplete': 'yes' }, /input 'fail-on-incomplete': expected true or false/],
    [{ 'max-file-bytes': '10' }, /input 'max-file-bytes': expected a whole number from 1024/],
  ])('rejects %j', (values, message) => {
    expect(() => readSecurityScanInputs(read(values))).toThrow(message);
  });
});
