import { describe, expect, it } from '@jest/globals';
import { aDeployment } from '@safe-deploy/testing/builders';
import { assessLock } from './assess-lock';

describe('assessLock', () => {
  const createdAt = '2026-01-01T00:00:00.000Z'; // statuses at +1 min, +2 min…
  it.each([
    ['nothing running', ['success'], '2026-01-01T00:10:00Z', { locked: false }],
    ['a fresh in_progress deployment', ['queued', 'in_progress'], '2026-01-01T00:12:00Z', { locked: true, ageSeconds: 600 }],
    ['a stale in_progress deployment', ['in_progress'], '2026-01-01T03:01:00Z', { locked: false, stale: { ageSeconds: 10800 } }],
  ] as const)('%s', (_name, states, now, expected) => {
    const history = [aDeployment({ id: 1, createdAt, states: [...states] })];
    expect(assessLock(history, new Date(now), 7200)).toMatchObject(expected);
  });
});
