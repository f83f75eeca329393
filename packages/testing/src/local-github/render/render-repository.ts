import type { RepositoryRecord } from '../store/records';
import { repoApiUrl, repoHtmlUrl, type RenderContext } from './render-context';
import { renderUser } from './render-user';

/** The `minimal-repository` fields: identity, owner and every API URL template. */
export function renderMinimalRepository(ctx: RenderContext, repo: RepositoryRecord): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: renderUser(ctx, repo.owner, 'Organization'),
    private: repo.private,
    html_url: repoHtmlUrl(ctx, repo),
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
  };
}

/** The `full-repository` answer of GET /repos/{owner}/{repo}. */
export function renderFullRepository(ctx: RenderContext, repo: RepositoryRecord): Record<string, unknown> {
  const openIssues = repo.issues.filter((issue) => issue.state === 'open').length;
  const host = new URL(ctx.html).host;
  const pushed = repo.commits.reduce((latest, commit) => (commit.committer.date > latest ? commit.committer.date : latest), repo.created_at);
  return {
    ...renderMinimalRepository(ctx, repo),
    clone_url: `${repoHtmlUrl(ctx, repo)}.git`,
    git_url: `git://${host}/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@${host}:${repo.owner}/${repo.name}.git`,
    svn_url: repoHtmlUrl(ctx, repo),
    mirror_url: null,
    homepage: null,
    language: null,
    default_branch: repo.default_branch,
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    network_count: 0,
    subscribers_count: 0,
    size: repo.commits.length,
    open_issues: openIssues,
    open_issues_count: openIssues,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    topics: [],
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: pushed,
  };
}
