import type { RepositoryRecord } from '../store/records';

/** The base URLs representations are built from: the server's own API URL and a web URL. */
export interface RenderContext {
  /** e.g. http://127.0.0.1:41234 — every API `url` points back at the local server. */
  api: string;
  /** e.g. http://localhost — `html_url`s are GitHub-web-shaped and never served. */
  html: string;
}

/** `<api>/repos/<owner>/<name>`. */
export function repoApiUrl(ctx: RenderContext, repo: RepositoryRecord): string {
  return `${ctx.api}/repos/${repo.owner}/${repo.name}`;
}

/** `<html>/<owner>/<name>`. */
export function repoHtmlUrl(ctx: RenderContext, repo: RepositoryRecord): string {
  return `${ctx.html}/${repo.owner}/${repo.name}`;
}
