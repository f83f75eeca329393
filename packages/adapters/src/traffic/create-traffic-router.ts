import { closestMatch, ConfigurationError, type TrafficRouter } from '@safe-deploy/core';
import { CommandRouter } from './command-router';
import { NginxRouter } from './nginx-router';
import { ROUTER_PATH } from './parse-router-options';
import type { TrafficRouterDeps } from './traffic-router-deps';

/** Builds one router from `canary.router`. */
export type TrafficRouterFactory = (config: unknown, deps: TrafficRouterDeps) => TrafficRouter;

/** The registry: one line per kind. */
const ROUTERS: Readonly<Record<string, TrafficRouterFactory>> = {
  command: CommandRouter.fromConfig,
  nginx: NginxRouter.fromConfig,
};

/** The router kinds a policy may use. */
export const TRAFFIC_ROUTER_KINDS: readonly string[] = Object.keys(ROUTERS);

/** `canary.router` as the policy schema passes it on: a kind and the kind's options (kebab-case). */
export interface TrafficRouterConfig {
  kind: string;
  [option: string]: unknown;
}

/**
 * Builds the router of `canary.router`. An unknown kind throws a ConfigurationError listing the known kinds (with a
 * "did you mean"); each kind validates its own options and names the exact path of a mistake.
 */
export function createTrafficRouter(config: TrafficRouterConfig, deps: TrafficRouterDeps): TrafficRouter {
  const factory = Object.hasOwn(ROUTERS, config.kind) ? ROUTERS[config.kind] : undefined;
  if (!factory) {
    const suggestion = closestMatch(String(config.kind), TRAFFIC_ROUTER_KINDS);
    throw new ConfigurationError(
      `${ROUTER_PATH}.kind`,
      `unknown router kind ${JSON.stringify(config.kind)}.`,
      `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Known kinds: ${TRAFFIC_ROUTER_KINDS.join(', ')}.`,
    );
  }
  return factory(config, deps);
}
