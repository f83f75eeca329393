/** The repository object GitHub puts in event payloads (trimmed to the fields actions read). */
function repository(owner: string, name: string) {
  return { id: 1296269, node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5', name, full_name: `${owner}/${name}`, private: false, owner: { login: owner, id: 1, type: 'Organization' }, html_url: `https://github.com/${owner}/${name}`, default_branch: 'main' };
}

const sender = { login: 'octocat', id: 583231, type: 'User' };

/** A `workflow_dispatch` payload as the runner writes it to GITHUB_EVENT_PATH. */
export function workflowDispatchEvent(inputs: Record<string, string | boolean>, repo = 'acme/shop') {
  const [owner = 'acme', name = 'shop'] = repo.split('/');
  return { inputs, ref: 'refs/heads/main', repository: repository(owner, name), sender, workflow: '.github/workflows/rollback.yml' };
}

/** A `push` payload as the runner writes it to GITHUB_EVENT_PATH. */
export function pushEvent(after: string, before = '0000000000000000000000000000000000000000', repo = 'acme/shop') {
  const [owner = 'acme', name = 'shop'] = repo.split('/');
  return {
    ref: 'refs/heads/main',
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    commits: [],
    head_commit: { id: after, message: 'deploy', timestamp: '2026-01-01T00:00:00Z' },
    pusher: { name: 'octocat', email: 'octocat@example.com' },
    repository: repository(owner, name),
    sender,
  };
}
