import type { z } from 'zod';
import { parseProviderOptions } from '../metrics/parse-provider-options';

/** The policy path of the router's options. */
export const ROUTER_PATH = 'canary.router';

/** Validates `canary.router` against one router kind's schema, with errors at `canary.router.<option>` (see parseProviderOptions). */
export function parseRouterOptions<S extends z.ZodObject>(schema: S, config: unknown, fixes: Readonly<Record<string, string>> = {}): z.output<S> {
  return parseProviderOptions(schema, config, ROUTER_PATH, fixes, 'router');
}
