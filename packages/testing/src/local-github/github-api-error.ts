/** One entry of a GitHub validation error's `errors` array. */
export interface GitHubErrorDetail {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * An error answer the way GitHub gives it. Store operations throw it; the server turns it into
 * `{ message, errors?, documentation_url, status }` with the matched operation's documentation URL.
 */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: GitHubErrorDetail[] | string[],
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

/** 404 `Not Found`, GitHub's answer for anything unknown or invisible to the token. */
export function notFound(): GitHubApiError {
  return new GitHubApiError(404, 'Not Found');
}

/** 422 `Validation Failed` with one error detail. */
export function validationFailed(detail: GitHubErrorDetail): GitHubApiError {
  return new GitHubApiError(422, 'Validation Failed', [detail]);
}
