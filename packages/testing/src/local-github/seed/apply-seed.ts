import { buildCommit } from '../store/git-graph';
import { createRef, createTagObject } from '../store/git-refs';
import { createCommitStatus } from '../store/commit-statuses';
import { createDeploymentStatus } from '../store/deployment-statuses';
import { createDeployment } from '../store/deployments';
import { BOT_LOGIN, createIssue, createIssueComment } from '../store/issues';
import { createLabel, findLabel } from '../store/labels';
import type { RepositoryRecord } from '../store/records';
import { createRepository, findRepository } from '../store/repositories';
import { refTarget, resolveRef } from '../store/resolve-ref';
import type { StoreContext } from '../store/store-state';
import { parseSeed, type ParsedSeedRepository } from './seed-schema';

const SEED_AUTHOR = { name: 'Local Developer', email: 'developer@example.com' };
const BOT_EMAIL = '41898282+github-actions[bot]@users.noreply.github.com';

/** Runs a store operation for a seed entry; a GitHub error is rethrown naming the entry. */
function withSeedPath<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`Seed ${where}: ${(error as Error).message}`);
  }
}

/** A commit alias, sha, short sha, branch or tag of the repository, or an error naming the fix. */
function seedCommit(repo: RepositoryRecord, value: string, where: string): string {
  const sha = repo.commit_aliases[value] ?? resolveRef(repo, value)?.sha;
  if (sha === undefined) {
    throw new Error(`Seed ${where}: "${value}" is not a commit alias, sha, branch or tag of ${repo.owner}/${repo.name}; define it first (branches[].commits[].id).`);
  }
  return sha;
}

function seedBranches(ctx: StoreContext, repo: RepositoryRecord, seed: ParsedSeedRepository, where: string): void {
  seed.branches.forEach((branch, b) => {
    const refName = `refs/heads/${branch.name}`;
    const defaultHead = refTarget(repo, `refs/heads/${repo.default_branch}`);
    let head = branch.from !== undefined ? seedCommit(repo, branch.from, `${where}.branches.${b}.from`) : refTarget(repo, refName) ?? defaultHead;
    for (const draft of branch.commits) {
      const commit = buildCommit({
        sha: draft.sha,
        message: draft.message,
        author: { name: draft.author?.name ?? SEED_AUTHOR.name, email: draft.author?.email ?? SEED_AUTHOR.email, date: draft.date ?? ctx.now() },
        login: draft.author?.login ?? null,
        parents: head === undefined ? [] : [head],
        hashDate: draft.date !== undefined,
      });
      if (!repo.commits.some((existing) => existing.sha === commit.sha)) repo.commits.push(commit);
      if (draft.id !== undefined) repo.commit_aliases[draft.id] = commit.sha;
      head = commit.sha;
    }
    if (head === undefined) throw new Error(`Seed ${where}.branches.${b}: branch "${branch.name}" has no commits and nothing to start from; add commits or \`from\`.`);
    const existing = repo.refs.find((ref) => ref.ref === refName);
    if (existing) existing.sha = head;
    else createRef(repo, { ref: refName, sha: head });
    if (branch.merge_conflict && !repo.conflicting_branches.includes(branch.name)) repo.conflicting_branches.push(branch.name);
  });
}

function seedRepository(ctx: StoreContext, seed: ParsedSeedRepository, where: string): void {
  const repo = findRepository(ctx, seed.owner, seed.name)
    ?? createRepository(ctx, { owner: seed.owner, name: seed.name, default_branch: seed.default_branch, description: seed.description ?? null, private: seed.private });
  seedBranches(ctx, repo, seed, where);
  seed.tags.forEach((tag, t) => {
    const sha = seedCommit(repo, tag.commit, `${where}.tags.${t}.commit`);
    const target = tag.message === undefined ? sha
      : createTagObject(ctx, repo, { tag: tag.name, message: tag.message, object: sha, type: 'commit' }, { name: BOT_LOGIN, email: BOT_EMAIL }).sha;
    withSeedPath(`${where}.tags.${t}`, () => createRef(repo, { ref: `refs/tags/${tag.name}`, sha: target }));
  });
  for (const label of seed.labels) {
    if (!findLabel(repo, label.name)) createLabel(ctx, repo, label);
  }
  seed.commit_statuses.forEach((status, s) => {
    const sha = seedCommit(repo, status.commit, `${where}.commit_statuses.${s}.commit`);
    withSeedPath(`${where}.commit_statuses.${s}`, () => createCommitStatus(ctx, repo, sha, status, status.created_at));
  });
  seed.deployments.forEach((deployment, d) => {
    const entry = `${where}.deployments.${d}`;
    const sha = deployment.commit === undefined ? undefined : seedCommit(repo, deployment.commit, `${entry}.commit`);
    const { statuses, created_at: createdAt, ...fields } = deployment;
    const ref = deployment.ref ?? sha ?? '';
    // History is written as it happened: no auto-merge and no status checks; statuses go through
    // the API's own path, so auto_inactive applies as it would have live.
    const outcome = withSeedPath(entry, () => createDeployment(ctx, repo, { ...fields, ref, auto_merge: false, required_contexts: [] }, { createdAt, sha }));
    if (outcome.kind !== 'created') return;
    statuses.forEach((status, s) => withSeedPath(`${entry}.statuses.${s}`, () => createDeploymentStatus(ctx, repo, outcome.deployment, status, status.created_at)));
  });
  for (const issue of seed.issues) {
    const created = createIssue(ctx, repo, issue, issue.created_at);
    for (const comment of issue.comments) createIssueComment(ctx, created, comment.body, comment.user, comment.created_at);
  }
}

/**
 * Adds a seed to the store (repositories that exist are extended). Everything goes through the
 * same store operations as API requests, so seeded statuses trigger auto_inactive exactly as live
 * ones; entries are applied in the order written. Throws with the entry's path when it is wrong.
 */
export function applySeed(ctx: StoreContext, input: unknown): void {
  const seed = parseSeed(input);
  seed.repositories.forEach((repo, r) => seedRepository(ctx, repo, `repositories.${r}`));
}
