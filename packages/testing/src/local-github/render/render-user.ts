import { createHash } from 'node:crypto';
import { nodeId } from '../store/store-state';
import type { RenderContext } from './render-context';

/** The workflow token's identity, as GitHub reports it for GITHUB_TOKEN writes. */
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot', avatar: 'https://avatars.githubusercontent.com/in/15368?v=4' };

function stableId(login: string): number {
  return Number.parseInt(createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
}

/** A `simple-user` object; the bot gets its real id, any other login a stable made-up one. */
export function renderUser(ctx: RenderContext, login: string, type: 'User' | 'Organization' = 'User'): Record<string, unknown> {
  const isBot = login === BOT.login;
  const id = isBot ? BOT.id : stableId(login);
  const api = `${ctx.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(isBot ? 'Bot' : type, id),
    avatar_url: isBot ? BOT.avatar : `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: isBot ? `${ctx.html}/apps/github-actions` : `${ctx.html}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: isBot ? BOT.type : type,
    user_view_type: 'public',
    site_admin: false,
  };
}
