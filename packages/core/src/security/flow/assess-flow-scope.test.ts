import { describe, expect, it } from '@jest/globals';
import { isOutsideFlowScope } from './assess-flow-scope';

describe('isOutsideFlowScope', () => {
  it.each([
    ['ordinary source', 'const a = 1;\n'.repeat(100), false],
    ['a minified bundle (one long line)', 'var a=1;'.repeat(500), true],
    ['long lines on average', `${'x'.repeat(3500)}\n${'y'.repeat(10)}\n`, true],
  ])('%s', (_name, text, outside) => {
    expect(isOutsideFlowScope(text, text.length)).toBe(outside);
  });

  it('leaves out files over 512 KiB whatever their lines', () => {
    expect(isOutsideFlowScope('a\n', 512 * 1024 + 1)).toBe(true);
    expect(isOutsideFlowScope('a\n', 512 * 1024)).toBe(false);
  });
});
