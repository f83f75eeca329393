import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Octokit } from '@octokit/rest';
import { startLocalGitHub, type LocalGitHub } from './index';
import { closeAndReport, failureOf, octokitFor, SHOP_SEED, shaOf, steppingClock } from './test-fixtures';

const repo = { owner: 'acme', repo: 'shop' };
let server: LocalGitHub;
let octokit: Octokit;

beforeAll(async () => {
  server = await startLocalGitHub({ seed: SHOP_SEED, now: steppingClock() });
  octokit = octokitFor(server);
});

afterAll(async () => {
  expect(await closeAndReport(server)).toEqual([]);
});

describe('commits', () => {
  it('lists the default branch newest first, paginated', async () => {
    const { data, headers } = await octokit.rest.repos.listCommits({ ...repo, per_page: 2 });
    expect(data.map((commit) => commit.commit.message)).toEqual(['commit c5', 'commit c4']);
    expect(headers.link).toContain('rel="last"');
    const branch = await octokit.rest.repos.listCommits({ ...repo, sha: 'feature/ahead' });
    expect(branch.data.map((commit) => commit.sha).slice(0, 3)).toEqual([shaOf(server, 'a2'), shaOf(server, 'a1'), shaOf(server, 'c5')]);
  });

  it.each([
    ['a full sha', () => shaOf(server, 'c3'), 'c3'],
    ['a short sha', () => shaOf(server, 'c3').slice(0, 7), 'c3'],
    ['a branch with a slash', () => 'feature/ahead', 'a2'],
    ['a lightweight tag', () => 'v1', 'c2'],
    ['an annotated tag', () => 'v2', 'c5'],
  ])('GET /commits/{ref} resolves %s', async (_name, ref, alias) => {
    const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: ref() });
    expect(data.sha).toBe(shaOf(server, alias));
    expect(data.files).toEqual([]);
  });

  it('answers 422 "No commit found for SHA" for an unknown ref', async () => {
    const failure = await failureOf(octokit.rest.repos.getCommit({ ...repo, ref: 'deadbeef' }));
    expect(failure?.status).toBe(422);
    expect(failure?.data).toMatchObject({ message: 'No commit found for SHA: deadbeef' });
  });
});

describe('compare', () => {
  it.each([
    ['main...feature/ahead', 'ahead', 2, 0, ['a1', 'a2']],
    ['feature/ahead...main', 'behind', 0, 2, []],
    ['main...main', 'identical', 0, 0, []],
    ['main...feature/behind', 'diverged', 1, 3, ['b1']],
    ['v1...v2', 'ahead', 3, 0, ['c3', 'c4', 'c5']],
  ])('%s is %s by %i/%i', async (basehead, status, ahead, behind, commits) => {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead });
    expect(data).toMatchObject({ status, ahead_by: ahead, behind_by: behind, total_commits: ahead });
    expect(data.commits.map((commit) => commit.sha)).toEqual(commits.map((alias) => shaOf(server, alias)));
  });

  it('reports the merge base and the URLs', async () => {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature/behind' });
    expect(data.merge_base_commit.sha).toBe(shaOf(server, 'c2'));
    expect(data.base_commit.sha).toBe(shaOf(server, 'c5'));
    expect(data.html_url).toBe('http://localhost/acme/shop/compare/main...feature/behind');
    expect(data.diff_url).toBe('http://localhost/acme/shop/compare/main...feature/behind.diff');
  });

  it('answers 404 when a side is unknown', async () => {
    expect((await failureOf(octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...nope' })))?.status).toBe(404);
  });
});

describe('git refs and tags', () => {
  it('gets a ref with slashes and lists matching refs', async () => {
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/feature/ahead' });
    expect(data).toMatchObject({ ref: 'refs/heads/feature/ahead', object: { sha: shaOf(server, 'a2'), type: 'commit' } });
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feature' });
    expect(matching.data.map((ref) => ref.ref)).toEqual(['refs/heads/feature/ahead', 'refs/heads/feature/behind']);
    expect((await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/nothing' })).data).toEqual([]);
    expect((await failureOf(octokit.rest.git.getRef({ ...repo, ref: 'heads/nothing' })))?.status).toBe(404);
  });

  it('creates a ref and rejects bad names, duplicates and unknown objects', async () => {
    const created = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/release/1', sha: shaOf(server, 'c3') });
    expect(created.status).toBe(201);
    expect(created.data.ref).toBe('refs/heads/release/1');
    const cases: [string, string, string][] = [
      ['heads/x', shaOf(server, 'c3'), 'Reference name must contain at least three slash-separated components.'],
      ['refs/heads/release/1', shaOf(server, 'c3'), 'Reference already exists'],
      ['refs/heads/new', 'f'.repeat(40), 'Object does not exist'],
    ];
    for (const [ref, sha, message] of cases) {
      const failure = await failureOf(octokit.rest.git.createRef({ ...repo, ref, sha }));
      expect({ ref, status: failure?.status, message: (failure?.data as { message?: string }).message }).toEqual({ ref, status: 422, message });
    }
  });

  it('fast-forwards a ref, refuses a rewind unless forced, and deletes it', async () => {
    const ref = 'heads/release/1';
    expect((await octokit.rest.git.updateRef({ ...repo, ref, sha: shaOf(server, 'c5') })).data.object.sha).toBe(shaOf(server, 'c5'));
    const rewind = await failureOf(octokit.rest.git.updateRef({ ...repo, ref, sha: shaOf(server, 'c1') }));
    expect(rewind?.status).toBe(422);
    expect(rewind?.data).toMatchObject({ message: 'Update is not a fast forward' });
    expect((await octokit.rest.git.updateRef({ ...repo, ref, sha: shaOf(server, 'c1'), force: true })).data.object.sha).toBe(shaOf(server, 'c1'));
    expect((await octokit.rest.git.deleteRef({ ...repo, ref })).status).toBe(204);
    const again = await failureOf(octokit.rest.git.deleteRef({ ...repo, ref }));
    expect(again?.status).toBe(422);
    expect(again?.data).toMatchObject({ message: 'Reference does not exist' });
  });

  it('creates an annotated tag object, points a ref at it and lists tags', async () => {
    const tag = await octokit.rest.git.createTag({ ...repo, tag: 'v3', message: 'Release v3', object: shaOf(server, 'c4'), type: 'commit' });
    expect(tag.status).toBe(201);
    expect((await octokit.rest.git.getTag({ ...repo, tag_sha: tag.data.sha })).data).toMatchObject({ tag: 'v3', object: { sha: shaOf(server, 'c4') } });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/v3', sha: tag.data.sha });
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'tags/v3' })).data.object.type).toBe('tag');
    const { data } = await octokit.rest.repos.listTags({ ...repo });
    expect(data.map((t) => [t.name, t.commit.sha])).toEqual([['v3', shaOf(server, 'c4')], ['v2', shaOf(server, 'c5')], ['v1', shaOf(server, 'c2')]]);
  });
});

describe('commit statuses', () => {
  it('creates statuses and combines the latest per context', async () => {
    const sha = shaOf(server, 'c1');
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha })).data).toMatchObject({ state: 'pending', total_count: 0 });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: 'failure', context: 'ci/test' });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: 'success', context: 'ci/test', target_url: 'https://ci.example/1' });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: 'success', context: 'ci/lint' });
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha });
    expect(data).toMatchObject({ state: 'success', total_count: 2, sha });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: 'pending', context: 'ci/e2e' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha })).data.state).toBe('pending');
  });

  it('answers 422 for a status on an unknown sha', async () => {
    const failure = await failureOf(octokit.rest.repos.createCommitStatus({ ...repo, sha: 'a'.repeat(40), state: 'success' }));
    expect(failure?.status).toBe(422);
  });
});
