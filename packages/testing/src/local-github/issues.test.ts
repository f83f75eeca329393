import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import { startLocalGitHub, type LocalGitHub } from './index';
import { closeAndReport, failureOf, octokitFor, SHOP_SEED, steppingClock } from './test-fixtures';

const repo = { owner: 'acme', repo: 'shop' };
let server: LocalGitHub;
let octokit: Octokit;

beforeAll(async () => {
  server = await startLocalGitHub({ seed: SHOP_SEED, now: steppingClock() });
  octokit = octokitFor(server);
  for (const [title, labels] of [
    ['one', ['deploy', 'rollback']],
    ['two', ['deploy']],
    ['three', ['rollback', 'Bug']],
    ['four', []],
  ] as const) {
    await octokit.rest.issues.create({ ...repo, title, labels: [...labels] });
  }
});

afterAll(async () => {
  expect(await closeAndReport(server)).toEqual([]);
});

describe('issues', () => {
  it('numbers issues per repository and auto-creates missing labels', async () => {
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(data).toMatchObject({ number: 1, title: 'one', state: 'open', comments: 0, user: { login: 'github-actions[bot]' } });
    expect(data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['deploy', 'rollback']);
    const labels = await octokit.rest.issues.listLabelsForRepo({ ...repo });
    expect(labels.data.map((label) => label.name)).toEqual(['bug', 'deploy', 'rollback']);
  });

  it.each([
    ['deploy', ['two', 'one']],
    ['deploy,rollback', ['one']],
    ['ROLLBACK, bug', ['three']],
    ['deploy,missing', []],
  ])('labels=%s matches only issues with all of them', async (labels, titles) => {
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, labels });
    expect(data.map((issue) => issue.title)).toEqual(titles);
  });

  it('sorts by created ascending when asked', async () => {
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, direction: 'asc' });
    expect(data.map((issue) => issue.number)).toEqual([1, 2, 3, 4]);
  });

  it('counts comments, lists them oldest first and edits one', async () => {
    const first = await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'first' });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'second' });
    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: 2 });
    expect(issue.comments).toBe(2);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: first.data.id, body: 'first, edited' });
    const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: 2 });
    expect(comments.map((comment) => comment.body)).toEqual(['first, edited', 'second']);
    const sorted = await octokit.rest.issues.listForRepo({ ...repo, sort: 'comments' });
    expect(sorted.data[0]?.number).toBe(2);
  });

  it('closes with state_reason, hides closed issues by default and reopens', async () => {
    const closed = await octokit.rest.issues.update({ ...repo, issue_number: 4, state: 'closed', state_reason: 'not_planned', labels: ['wontfix'] });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(closed.data.closed_at).not.toBeNull();
    expect((await octokit.rest.issues.listForRepo({ ...repo })).data.map((issue) => issue.number)).not.toContain(4);
    expect((await octokit.rest.issues.listForRepo({ ...repo, state: 'closed' })).data.map((issue) => issue.number)).toEqual([4]);
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 4, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('adds labels to an issue and returns all of them', async () => {
    const { data } = await octokit.rest.issues.addLabels({ ...repo, issue_number: 2, labels: ['rollback', 'deploy'] });
    expect(data.map((label) => label.name)).toEqual(['deploy', 'rollback']);
  });

  it('answers 404 for an unknown issue', async () => {
    expect((await failureOf(octokit.rest.issues.get({ ...repo, issue_number: 99 })))?.status).toBe(404);
  });
});

describe('labels', () => {
  it('creates a label and finds it by name', async () => {
    const created = await octokit.rest.issues.createLabel({ ...repo, name: 'needs review', color: '#fbca04', description: 'Waiting' });
    expect(created.data).toMatchObject({ name: 'needs review', color: 'fbca04', description: 'Waiting', default: false });
    expect((await octokit.rest.issues.getLabel({ ...repo, name: 'needs review' })).data.id).toBe(created.data.id);
  });

  it('answers 422 already_exists for a duplicate name in any case', async () => {
    const failure = await failureOf(octokit.rest.issues.createLabel({ ...repo, name: 'DEPLOY' }));
    expect(failure?.status).toBe(422);
    expect(failure?.data).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
  });

  it('answers 404 for an unknown label', async () => {
    expect((await failureOf(octokit.rest.issues.getLabel({ ...repo, name: 'nope' })))?.status).toBe(404);
  });
});
