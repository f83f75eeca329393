import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, type CommandRunner } from '@safe-deploy/core';
import { createTrafficRouter, TRAFFIC_ROUTER_KINDS, type TrafficRouterConfig } from './create-traffic-router';
import type { TrafficRouterDeps } from './traffic-router-deps';

/** Never called: building a router runs nothing. */
const runner: CommandRunner = {
  locate: () => Promise.reject(new Error('not expected')),
  run: () => Promise.reject(new Error('not expected')),
};
const deps: TrafficRouterDeps = { runner, workingDirectory: '/workspace' };
const nginx = { kind: 'nginx', 'config-file': '/etc/nginx/conf.d/safe-deploy.conf', stable: '127.0.0.1:8081', canary: '127.0.0.1:8082' };

/** The ConfigurationError that building the router throws. */
function configurationError(config: TrafficRouterConfig): ConfigurationError {
  try {
    createTrafficRouter(config, deps);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(config)}`);
}

describe('createTrafficRouter', () => {
  it('knows the command and nginx kinds', () => {
    expect(TRAFFIC_ROUTER_KINDS).toEqual(['command', 'nginx']);
    expect(createTrafficRouter({ kind: 'command', command: './deploy.sh update-traffic' }, deps).kind).toBe('command');
    expect(createTrafficRouter(nginx, deps).kind).toBe('nginx');
  });

  it('names an unknown kind at canary.router.kind, with a did-you-mean and the known kinds', () => {
    const error = configurationError({ kind: 'ngnix' });
    expect(error.where).toBe('canary.router.kind');
    expect(error.message).toBe('canary.router.kind: unknown router kind "ngnix". Fix: Did you mean \'nginx\'? Known kinds: command, nginx.');
    expect(configurationError({ kind: 'istio' }).fix).toBe('Known kinds: command, nginx.');
  });

  it.each<[string, TrafficRouterConfig, string, RegExp]>([
    ['a command router without command', { kind: 'command' }, 'canary.router.command', /is missing\. Fix: .*`command: \.\/deploy\.sh update-traffic`/],
    ['an empty command', { kind: 'command', command: '  ' }, 'canary.router.command', /must not be empty/],
    ['a misspelt read-command', { kind: 'command', command: './deploy.sh', 'read-comand': './read.sh' }, 'canary.router', /unknown option 'read-comand'\. Fix: Did you mean 'read-command'\?/],
    ['a timeout that is not a duration', { kind: 'command', command: './deploy.sh', timeout: 'soon' }, 'canary.router.timeout', /expected a duration/],
    ['a zero timeout', { kind: 'command', command: './deploy.sh', timeout: 0 }, 'canary.router.timeout', /must be more than 0/],
    ['an nginx router without config-file', { ...nginx, 'config-file': undefined }, 'canary.router.config-file', /is missing\. Fix: .*include it inside http \{\}/],
    ['a canary that is not host:port', { ...nginx, canary: 'not a host' }, 'canary.router.canary', /: expected host:port, e\.g\. 127\.0\.0\.1:8081 \(got "not a host"\)\. Fix: /],
    ['a stable list with a bad entry', { ...nginx, stable: ['127.0.0.1:8081', '127.0.0.1'] }, 'canary.router.stable[1]', /expected host:port/],
    ['an empty stable list', { ...nginx, stable: [] }, 'canary.router.stable', /list at least one host:port/],
    ['a port out of range', { ...nginx, canary: '127.0.0.1:70000' }, 'canary.router.canary', /at most 65535/],
    ['a listen that is not an address', { ...nginx, listen: 'localhost' }, 'canary.router.listen', /expected host:port or a port/],
    ['a verify-url that is not a URL', { ...nginx, 'verify-url': '127.0.0.1:8080/__safe-deploy/route' }, 'canary.router.verify-url', /expected an absolute http\(s\) URL/],
    ['nginx-args that are not a list', { ...nginx, 'nginx-args': '-c /etc/nginx/nginx.conf' }, 'canary.router.nginx-args', /Fix: Give a list of strings/],
    ['a key with a quote', { ...nginx, key: '"$remote_addr"' }, 'canary.router.key', /without quotes/],
    ['a name with a dash', { ...nginx, name: 'shop-api' }, 'canary.router.name', /letters, digits and underscores/],
    ['a misspelt option of nginx', { ...nginx, 'config_file': 'x.conf' }, 'canary.router', /unknown option 'config_file'\. Fix: Did you mean 'config-file'\?/],
  ])('names the exact path of %s', (_, config, where, message) => {
    const error = configurationError(config);
    expect(error.where).toBe(where);
    expect(error.message).toMatch(message);
  });

  it('describes each router in one line', () => {
    expect(createTrafficRouter({ kind: 'command', command: './deploy.sh update-traffic', 'read-command': './deploy.sh current-traffic' }, deps).describe()).toBe(
      'command `./deploy.sh update-traffic` sets the canary weight, read back with `./deploy.sh current-traffic`',
    );
    expect(createTrafficRouter({ ...nginx, listen: 8080, stable: ['10.0.0.1:80', '10.0.0.2:80'] }, deps).describe()).toBe(
      'nginx 8080 → stable 10.0.0.1:80, 10.0.0.2:80 / canary 127.0.0.1:8082 (/etc/nginx/conf.d/safe-deploy.conf)',
    );
    expect(createTrafficRouter({ ...nginx, name: 'shop', 'config-file': 'nginx/split.conf' }, deps).describe()).toBe(
      'nginx $shop_upstream → stable 127.0.0.1:8081 / canary 127.0.0.1:8082 (/workspace/nginx/split.conf)',
    );
  });
});
