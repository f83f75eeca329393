// The local GitHub's state as plain JSON-serialisable records: what `state()` dumps.
// Representations (URLs, users, node ids of nested objects) are derived in ../render.

/** A git author or committer line. */
export interface GitActorRecord {
  name: string;
  email: string;
  date: string;
}

/** A commit; `login` links the author to a GitHub account (null renders `author: null`). */
export interface CommitRecord {
  sha: string;
  tree_sha: string;
  message: string;
  author: GitActorRecord;
  committer: GitActorRecord;
  login: string | null;
  parents: string[];
}

/** A ref such as `refs/heads/main` or `refs/tags/v1`, pointing at a commit or an annotated tag object. */
export interface RefRecord {
  ref: string;
  sha: string;
}

/** An annotated tag object (POST /git/tags). */
export interface TagObjectRecord {
  sha: string;
  node_id: string;
  tag: string;
  message: string;
  object: { sha: string; type: 'commit' | 'tree' | 'blob' };
  tagger: GitActorRecord;
}

/** A commit status (POST /statuses/{sha}). */
export interface CommitStatusRecord {
  id: number;
  node_id: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
  updated_at: string;
}

/** The states a deployment status can have. */
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** A deployment status, oldest first inside its deployment. */
export interface DeploymentStatusRecord {
  id: number;
  node_id: string;
  state: DeploymentState;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
}

/** A deployment with its statuses (oldest first). */
export interface DeploymentRecord {
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  original_environment: string;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  updated_at: string;
  statuses: DeploymentStatusRecord[];
}

/** A repository label. */
export interface LabelRecord {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** An issue comment. */
export interface IssueCommentRecord {
  id: number;
  node_id: string;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

/** An issue with its comments (oldest first); `labels` holds label names. */
export interface IssueRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  comments: IssueCommentRecord[];
}

/** A repository and everything in it. */
export interface RepositoryRecord {
  id: number;
  node_id: string;
  owner: string;
  name: string;
  default_branch: string;
  description: string | null;
  private: boolean;
  created_at: string;
  updated_at: string;
  /** Seed aliases (`id: v1`) to commit shas, so later seeds can refer to them. */
  commit_aliases: Record<string, string>;
  /** Branches whose auto-merge of the default branch conflicts (seed-only emulation of a 409). */
  conflicting_branches: string[];
  commits: CommitRecord[];
  refs: RefRecord[];
  tag_objects: TagObjectRecord[];
  commit_statuses: CommitStatusRecord[];
  deployments: DeploymentRecord[];
  labels: LabelRecord[];
  issues: IssueRecord[];
}

/** The JSON-serialisable dump returned by `state()` and GET /_local/state. */
export interface LocalGitHubState {
  repositories: RepositoryRecord[];
}
