/** Where a run happens: the repository, the workflow run and who triggered it, for links and records. */
export interface RunContext {
  /** `owner/name`. */
  repository: string;
  /** `https://github.com` or an enterprise server. */
  serverUrl: string;
  runId: string;
  runAttempt?: string;
  runUrl: string;
  workflow?: string;
  actor?: string;
  event: string;
}

/** The repository's deployments page for an environment. */
export function environmentPageUrl(context: RunContext, environment: string): string {
  return `${context.serverUrl}/${context.repository}/deployments/${encodeURIComponent(environment)}`;
}
