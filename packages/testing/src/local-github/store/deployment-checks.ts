import { GitHubApiError } from '../github-api-error';
import { buildCommit, isAncestor } from './git-graph';
import type { RepositoryRecord } from './records';
import { refTarget, type ResolvedRef } from './resolve-ref';
import { latestCommitStatuses } from './commit-statuses';
import type { StoreContext } from './store-state';

/**
 * GitHub's `auto_merge`: a branch that does not contain the default branch's head gets the
 * default branch merged into it and the request answers 202 instead of creating a deployment.
 * Decides by: the ref is a branch other than the default branch; the default head is not yet
 * reachable from it; the branch is not marked conflicting (then 409). Returns the 202 message or
 * undefined when no merge was needed.
 */
export function autoMergeDefaultBranch(ctx: StoreContext, repo: RepositoryRecord, resolved: ResolvedRef): string | undefined {
  if (resolved.kind !== 'branch' || resolved.name === repo.default_branch) return undefined;
  const base = repo.default_branch;
  const baseHead = refTarget(repo, `refs/heads/${base}`);
  if (!baseHead || isAncestor(repo, baseHead, resolved.sha)) return undefined;
  if (repo.conflicting_branches.includes(resolved.name)) {
    throw new GitHubApiError(409, `Conflict merging ${base} into ${resolved.name}.`);
  }
  const now = ctx.now();
  const merge = buildCommit({
    message: `Merge branch '${base}' into ${resolved.name}`,
    author: { name: 'GitHub', email: 'noreply@github.com', date: now },
    login: null,
    parents: [resolved.sha, baseHead],
    hashDate: true,
  });
  repo.commits.push(merge);
  const ref = repo.refs.find((candidate) => candidate.ref === `refs/heads/${resolved.name}`);
  if (ref) ref.sha = merge.sha;
  return `Auto-merged ${base} into ${resolved.name} on deployment.`;
}

/**
 * GitHub's `required_contexts` check. Decides by: the contexts to verify (the given list, or every
 * context with a status on the commit when omitted; `[]` skips the check) and the latest state of
 * each on the commit. Throws GitHub's 409 listing every verified context when one is not `success`.
 */
export function checkRequiredContexts(repo: RepositoryRecord, sha: string, ref: string, required: string[] | undefined): void {
  const latest = latestCommitStatuses(repo, sha);
  const contexts = required ?? latest.map((status) => status.context);
  // A required context nobody reported yet blocks too; GitHub's exact `state` for it is not
  // documented, so it is reported as "missing".
  const verified = contexts.map((context) => ({ context, state: latest.find((status) => status.context === context)?.state ?? 'missing' }));
  if (verified.every((entry) => entry.state === 'success')) return;
  throw new GitHubApiError(409, `Conflict: Commit status checks failed for ${ref}.`, [
    { contexts: verified, resource: 'Deployment', field: 'required_contexts', code: 'invalid' },
  ]);
}
