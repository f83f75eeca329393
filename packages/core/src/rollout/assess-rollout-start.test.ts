import { describe, expect, it } from '@jest/globals';
import { defaultPolicy } from '../policy/policy-schema';
import type { DeploymentRecord, DeploymentStatusRecord } from '../records/deployment-record';
import { assessRolloutStart, type RolloutOperation } from './assess-rollout-start';

const NOW = new Date('2026-03-01T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const SHA = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

function deployment(statuses: [DeploymentStatusRecord['state'], string, number][], options: { sha?: string; rollout?: boolean; task?: string } = {}): DeploymentRecord {
  return {
    id: 7,
    sha: options.sha ?? SHA,
    ref: 'main',
    task: options.task ?? 'deploy',
    environment: 'production',
    productionEnvironment: true,
    createdAt: ago(600),
    description: '',
    url: '',
    payload: options.rollout === false ? undefined : ({ schema: 'safe-deploy/deployment', version: 1, kind: 'deploy', release: { sha: options.sha ?? SHA, ref: 'main' }, rollout: { stages: [{ weight: 5, hold: 60 }, { weight: 100, hold: 60 }], router: 'nginx' } } as DeploymentRecord['payload']),
    statuses: statuses.map(([state, description, minutes], i) => ({ id: 100 - i, state, description, createdAt: ago(minutes) })),
  };
}

const assess = (newest: DeploymentRecord | undefined, operation: RolloutOperation = 'deploy', extra: { sha?: string; override?: string } = {}) =>
  assessRolloutStart({ newest, operation, sha: extra.sha ?? SHA, override: extra.override, now: NOW, lock: defaultPolicy().lock });

describe('assessRolloutStart', () => {
  it('starts on an empty environment and after a release whose window is over', () => {
    expect(assess(undefined).kind).toBe('start');
    expect(assess(deployment([['success', 'stage 2/2 · 100 % · promoted', 49 * 60]])).kind).toBe('start');
  });

  it('refuses inside the 48 h observation window, and starts with an override reason', () => {
    const released = deployment([['success', 'stage 2/2 · 100 % · promoted', 60]]);
    expect(assess(released)).toMatchObject({ kind: 'refuse', problem: expect.stringContaining('48 h observation window') });
    expect(assess(released, 'deploy', { override: 'hotfix' })).toEqual({ kind: 'start', override: 'hotfix' });
    // A hardened release no longer blocks; a rollback deployment opens no window.
    expect(assess(deployment([['success', 'Hardened: 48 h clean', 1], ['success', 'promoted', 60]])).kind).toBe('start');
    expect(assess(deployment([['success', 'restored', 60]], { task: 'deploy:rollback' })).kind).toBe('start');
  });

  it('refuses while a rollout runs, resumes a paused one of the same commit, and ignores a stale one', () => {
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · holding', 5]]))).toMatchObject({ kind: 'refuse', problem: expect.stringContaining('one rollout at a time') });
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · paused — needs decision', 5]]))).toMatchObject({ kind: 'resume', position: { stage: 1, paused: true } });
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · paused — needs decision', 5]]), 'deploy', { sha: OTHER })).toMatchObject({ kind: 'refuse', fix: expect.stringContaining("operation 'promote' or 'abort'") });
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · holding', 180]]))).toMatchObject({ kind: 'start', stale: { id: 7 } });
    // A pause waits for a person however long it takes: its canary still has traffic.
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · paused — needs decision', 3 * 24 * 60]]), 'deploy', { sha: OTHER })).toMatchObject({ kind: 'refuse' });
  });

  it('turns promote/abort into a request for a running rollout, acts on a paused one, and refuses without one', () => {
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · holding', 5]]), 'abort')).toMatchObject({ kind: 'request' });
    expect(assess(deployment([['in_progress', 'stage 1/2 · 5 % · paused — x', 5]]), 'promote')).toMatchObject({ kind: 'resume' });
    expect(assess(deployment([['success', 'promoted', 5]]), 'abort')).toMatchObject({ kind: 'refuse', fix: expect.stringContaining('rollback action') });
    expect(assess(deployment([['in_progress', 'Deploying', 5]], { rollout: false }), 'promote')).toMatchObject({ kind: 'refuse' });
  });
});
