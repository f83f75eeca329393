import { describe, expect, it } from '@jest/globals';
import { classifyError } from './classify-error';
import { ConfigurationError } from './configuration-error';
import { ExternalError } from './external-error';

describe('classifyError', () => {
  it.each([
    [new ConfigurationError("input 'to'", 'unknown.', 'Pass a sha.'), 'configuration', "Configuration error — input 'to': unknown. Fix: Pass a sha."],
    [new ExternalError('GitHub', 'HTTP 502.', { status: 502, retryable: true }), 'external', 'GitHub: HTTP 502. Re-running the job is likely to help.'],
    [new ExternalError('GitHub', 'HTTP 410.', { status: 410, retryable: false }), 'external', 'GitHub: HTTP 410. Re-running the job will not help until this is fixed.'],
    [new TypeError('x is undefined'), 'bug', expect.stringMatching(/^Unexpected error \(a bug in safe-deploy.*\): TypeError: x is undefined$/)],
    ['thrown string', 'bug', expect.stringMatching(/: thrown string$/)],
  ])('%s', (error, kind, message) => {
    expect(classifyError(error)).toEqual({ kind, message });
  });
});
