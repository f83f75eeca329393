import { notFound } from '../github-api-error';
import type { RepositoryRecord } from './records';
import { nextId, nodeId, type StoreContext } from './store-state';

/** Finds a repository by owner and name, case-insensitively as GitHub does. */
export function findRepository(ctx: StoreContext, owner: string, name: string): RepositoryRecord | undefined {
  const key = `${owner}/${name}`.toLowerCase();
  return ctx.state.repositories.find((repo) => `${repo.owner}/${repo.name}`.toLowerCase() === key);
}

/** The repository, or GitHub's 404. */
export function requireRepository(ctx: StoreContext, owner: string, name: string): RepositoryRecord {
  const repo = findRepository(ctx, owner, name);
  if (!repo) throw notFound();
  return repo;
}

/** What a new repository is created from. */
export interface RepositoryDraft {
  owner: string;
  name: string;
  default_branch: string;
  description: string | null;
  private: boolean;
}

/** Creates an empty repository (no commits, no refs). */
export function createRepository(ctx: StoreContext, draft: RepositoryDraft): RepositoryRecord {
  const id = nextId(ctx.state, 'repository');
  const now = ctx.now();
  const repo: RepositoryRecord = {
    id,
    node_id: nodeId('Repository', id),
    ...draft,
    created_at: now,
    updated_at: now,
    commit_aliases: {},
    conflicting_branches: [],
    commits: [],
    refs: [],
    tag_objects: [],
    commit_statuses: [],
    deployments: [],
    labels: [],
    issues: [],
  };
  ctx.state.repositories.push(repo);
  return repo;
}
