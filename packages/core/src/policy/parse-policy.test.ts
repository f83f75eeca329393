import { describe, expect, it } from '@jest/globals';
import { parsePolicy } from './parse-policy';

const FILE = '.github/deploy-policy.yml';

describe('parsePolicy', () => {
  it('gives the seed defaults when the file is missing', () => {
    const { policy, errors } = parsePolicy(undefined, FILE);
    expect(errors).toEqual([]);
    expect(policy?.rollback).toMatchObject({ auto: true, 'max-attempts': 3, verify: { timeout: 120 } });
    expect(policy?.canary.stages.map((s) => s.weight)).toEqual([5, 25, 50, 100]);
    expect(policy?.canary.stages.map((s) => s.hold)).toEqual([600, 600, 600, 1800]);
    expect(policy?.health.critical).toEqual({ 'error-rate-percent': 5, 'availability-percent': 99, 'response-time-ms': 2000 });
    expect(policy?.health.triggers['error-rate-multiplier']).toBe(2);
    expect(policy?.dependencies['blast-radius']).toEqual({ 'proceed-max': 2, 'monitor-max': 5 });
  });

  it('parses durations with units and keeps other defaults', () => {
    const { policy, errors } = parsePolicy(
      'rollback:\n  auto: false\n  verify:\n    timeout: 3m\ncanary:\n  stages:\n    - { weight: 10, hold: 30s }\n    - { weight: 100, hold: 1h }\n',
      FILE,
    );
    expect(errors).toEqual([]);
    expect(policy?.rollback.auto).toBe(false);
    expect(policy?.rollback.verify.timeout).toBe(180);
    expect(policy?.rollback['max-attempts']).toBe(3);
    expect(policy?.canary.stages).toEqual([{ weight: 10, hold: 30 }, { weight: 100, hold: 3600 }]);
  });

  it.each([
    ['a wrong type', 'rollback:\n  max-attempts: three\n', `${FILE}:2:17`, 'rollback.max-attempts', /expected number/, /Set rollback.max-attempts to a number/],
    ['an unknown key with a suggestion', 'rollback:\n  max-attempt: 2\n', `${FILE}:2:3`, 'rollback', /unknown key 'max-attempt'/, /Did you mean 'max-attempts'\?/],
    ['a bad duration', 'lock:\n  stale-after: soon\n', `${FILE}:2:16`, 'lock.stale-after', /expected a duration/, /Correct lock.stale-after/],
    ['a bad enum', 'rollback:\n  incident:\n    severity: S9\n', `${FILE}:3:15`, 'rollback.incident.severity', /expected one of/, /Use one of: "S1"/],
    ['a value out of range', 'canary:\n  stages:\n    - weight: 150\n      hold: 1m\n', `${FILE}:3:15`, 'canary.stages.0.weight', /<=100/, /at most 100/],
    ['invalid YAML', 'rollback: [\n', `${FILE}:2:1`, '', /invalid YAML/, /YAML syntax/],
    ['contradictory thresholds', 'health:\n  warning:\n    error-rate-percent: 8\n', `${FILE}:3:25`, 'health.warning.error-rate-percent', /the warning level \(8\) is above the critical level health.critical.error-rate-percent \(5\)/, /Correct health.warning.error-rate-percent/],
    ['a scalar document', 'just text\n', `${FILE}:1:1`, '', /must be a mapping/, /sections/],
  ])('reports %s with file, line, column, path and fix', (_name, text, location, path, message, fix) => {
    const { policy, errors } = parsePolicy(text, FILE);
    expect(policy).toBeUndefined();
    expect(errors[0]).toMatchObject({ location, path });
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.fix).toMatch(fix);
  });

  it('reports every problem, not only the first', () => {
    const { errors } = parsePolicy('rollback:\n  auto: maybe\n  max-attempts: 0\n', FILE);
    expect(errors.map((e) => e.path)).toEqual(['rollback.auto', 'rollback.max-attempts']);
  });
});
