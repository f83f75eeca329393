import { describe, expect, it } from '@jest/globals';
import { aDeployment } from '@safe-deploy/testing/builders';
import { assessObservationWindow, describeHardened, describeObservation, recordObservation, whyNothingToObserve } from './observation-window';

const HOUR = 3600;
const released = '2026-01-01T00:02:00.000Z'; // aDeployment puts the second status at +2 min

describe('assessObservationWindow', () => {
  it('starts at the release and resumes the check count from the newest progress status', () => {
    const deployment = aDeployment({ id: 1, createdAt: '2026-01-01T00:00:00Z', states: ['in_progress', 'success', ['success', describeObservation(3 * HOUR, 48 * HOUR, 36)], ['success', describeObservation(6 * HOUR, 48 * HOUR, 72)]] });
    expect(assessObservationWindow(deployment, new Date('2026-01-01T12:02:00Z'), 48 * HOUR)).toEqual({ state: 'observing', startedAt: released, elapsedSeconds: 12 * HOUR, windowSeconds: 48 * HOUR, checksSoFar: 72 });
    expect(assessObservationWindow(deployment, new Date('2026-01-03T00:02:00Z'), 48 * HOUR)).toMatchObject({ state: 'complete', checksSoFar: 72 });
  });

  it.each([
    ['never released', ['in_progress', 'failure'], 'not-released'],
    ['marked bad after the release', ['success', ['failure', 'Rolled back to abc']], 'not-released'],
    ['already hardened', ['success', ['success', describeHardened(48 * HOUR, 576)]], 'hardened'],
  ] as const)('%s', (_name, states, state) => {
    expect(assessObservationWindow(aDeployment({ id: 2, states: [...states] as never }), new Date('2026-01-05T00:00:00Z'), 48 * HOUR).state).toBe(state);
  });

  it('records progress, and hardens when less than one interval of the window is left', () => {
    const window = { state: 'observing' as const, startedAt: '2026-01-01T00:00:00.000Z', elapsedSeconds: 0, windowSeconds: 48 * HOUR, checksSoFar: 100 };
    expect(recordObservation(window, new Date('2026-01-02T00:00:00Z'), 25, 300)).toBe('Observation: 24 h of 48 h, 125 checks, clean');
    expect(recordObservation(window, new Date('2026-01-02T23:56:00Z'), 25, 300)).toBe('Hardened: 48 h observation window clean (125 checks)');
  });

  it('writes descriptions GitHub accepts', () => {
    expect(describeObservation(47.99 * HOUR, 48 * HOUR, 1234)).toBe('Observation: 48 h of 48 h, 1234 checks, clean');
    expect(describeHardened(48 * HOUR, 576)).toBe('Hardened: 48 h observation window clean (576 checks)');
  });

  it('says why an observe run has nothing to do', () => {
    const deployment = aDeployment({ id: 5, states: ['success'] });
    expect(whyNothingToObserve('production', undefined, undefined)).toBe("'production' has no deployment");
    expect(whyNothingToObserve('production', deployment, { state: 'hardened', at: '2026-01-03T00:00:00Z' })).toBe('deployment #5 was hardened at 2026-01-03T00:00:00Z');
    expect(whyNothingToObserve('production', deployment, { state: 'not-released', reason: 'deployment #5 never succeeded' })).toBe('deployment #5 never succeeded');
    expect(whyNothingToObserve('production', deployment, { state: 'observing', startedAt: '', elapsedSeconds: 1, windowSeconds: 2, checksSoFar: 0 })).toBeUndefined();
  });
});
