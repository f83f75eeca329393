import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@safe-deploy/core';
import { parseNginxSplitStamp, renderNginxSplit, type NginxSplit } from './render-nginx-split';

const split = (overrides: Partial<NginxSplit> = {}): NginxSplit => ({
  prefix: 'safe_deploy',
  stable: ['127.0.0.1:8081'],
  canary: ['127.0.0.1:8082'],
  weight: 25,
  generation: 3,
  key: '${remote_addr}${request_id}',
  ...overrides,
});

/** The lines inside the `split_clients` block. */
const shares = (text: string) => {
  const block = /split_clients "[^"]*" \$\w+ \{\n([^}]*)\}/.exec(text);
  if (!block) throw new Error(`no split_clients block in:\n${text}`);
  return (block[1] as string).split('\n').map((line) => line.trim()).filter(Boolean);
};

describe('renderNginxSplit', () => {
  it.each([
    [0, ['* safe_deploy_stable;']],
    [100, ['* safe_deploy_canary;']],
    [25, ['25% safe_deploy_canary;', '* safe_deploy_stable;']],
    [2.5, ['2.5% safe_deploy_canary;', '* safe_deploy_stable;']],
    [0.01, ['0.01% safe_deploy_canary;', '* safe_deploy_stable;']],
    [99.99, ['99.99% safe_deploy_canary;', '* safe_deploy_stable;']],
    // 0.29 * 100 is 28.999999999999996 in floating point; it is still two decimals.
    [0.29, ['0.29% safe_deploy_canary;', '* safe_deploy_stable;']],
  ])('weight %d → split_clients %j', (weight, expected) => {
    expect(shares(renderNginxSplit(split({ weight })))).toEqual(expected);
  });

  it.each([2.555, 33.333, -1, 100.5, Number.NaN])('refuses a weight nginx cannot express: %d', (weight) => {
    const attempt = () => renderNginxSplit(split({ weight }));
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/^canary\.stages: a weight of .* % cannot be routed by nginx/);
  });

  it('writes both upstreams, every server of each, and the variable named after the prefix', () => {
    const text = renderNginxSplit(split({ prefix: 'shop', stable: ['10.0.0.1:80', '10.0.0.2:80'], canary: ['[::1]:8082'] }));
    expect(text).toContain('upstream shop_stable {\n    server 10.0.0.1:80;\n    server 10.0.0.2:80;\n}');
    expect(text).toContain('upstream shop_canary {\n    server [::1]:8082;\n}');
    expect(text).toContain('split_clients "${remote_addr}${request_id}" $shop_upstream {');
    expect(text).not.toContain('safe_deploy_');
  });

  it('writes no server without listen: the user proxies to the variable in their own server', () => {
    const text = renderNginxSplit(split());
    expect(text).not.toContain('server {');
    expect(text).not.toContain('listen');
  });

  it('with listen, writes a server that proxies to the split and serves the status location', () => {
    const text = renderNginxSplit(split({ listen: '127.0.0.1:8080', weight: 2.5, generation: 7 }));
    expect(text).toContain('    listen 127.0.0.1:8080;');
    expect(text).toContain(`    location = /__safe-deploy/route {\n        default_type application/json;\n        return 200 '{"weight":2.5,"generation":7}';\n    }`);
    expect(text).toContain('        proxy_pass http://$safe_deploy_upstream;');
    expect(text).toContain('        add_header X-Safe-Deploy-Upstream $safe_deploy_upstream always;');
  });

  it('stamps weight and generation so that the file can be read back', () => {
    expect(parseNginxSplitStamp(renderNginxSplit(split({ weight: 2.5, generation: 12 })))).toEqual({ weight: 2.5, generation: 12 });
  });

  it('is deterministic: the same split renders the same file', () => {
    expect(renderNginxSplit(split())).toBe(renderNginxSplit(split()));
  });
});

describe('parseNginxSplitStamp', () => {
  it.each([
    ['an empty file', ''],
    ['a file someone else wrote', 'upstream app { server 127.0.0.1:80; }\n'],
    ['a stamp that is not JSON', '# safe-deploy-split {weight: 5}\n'],
    ['a stamp with a weight out of range', '# safe-deploy-split {"weight":150,"generation":1}\n'],
  ])('is undefined for %s', (_, text) => {
    expect(parseNginxSplitStamp(text)).toBeUndefined();
  });
});
