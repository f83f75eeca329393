/** A commit as shown in plans and incidents. */
export interface CommitSummary {
  sha: string;
  /** First line of the message. */
  title: string;
  author?: string;
  url?: string;
}

/** Read access to the repository's commits. */
export interface SourceRepository {
  /** The full sha a sha, short sha, branch or tag points at; undefined when unknown. */
  resolveCommit(ref: string): Promise<string | undefined>;
  /** Commits reachable from `head` but not from `base`, oldest first (what a rollback from head to base undoes). */
  commitsBetween(base: string, head: string): Promise<{ commits: CommitSummary[]; total: number }>;
}
