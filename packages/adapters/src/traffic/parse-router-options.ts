import type { z } from 'zod';
import { closestMatch, ConfigurationError } from '@safe-deploy/core';

/** The policy path of the router's options. */
export const ROUTER_PATH = 'canary.router';

/**
 * Validates `canary.router` against one router kind's schema. A mistake throws a ConfigurationError naming the exact
 * policy path (`canary.router.config-file`), the bad value and the fix — from `fixes` (by option) or the list of
 * the router's options; a misspelt option gets a "did you mean".
 */
export function parseRouterOptions<S extends z.ZodObject>(schema: S, config: unknown, fixes: Readonly<Record<string, string>> = {}): z.output<S> {
  const result = schema.safeParse(config, { reportInput: true });
  if (result.success) return result.data;
  const known = Object.keys(schema.shape);
  const [issue, ...others] = result.error.issues;
  if (!issue) throw new ConfigurationError(ROUTER_PATH, 'is not a valid router.', `See the options: ${known.join(', ')}.`);
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  const at = `${ROUTER_PATH}${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`;
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''} in this router)` : '';
  const option = typeof path[0] === 'string' ? path[0] : undefined;
  if (issue.code === 'unrecognized_keys') {
    const [first = ''] = issue.keys;
    const suggestion = path.length === 0 ? closestMatch(first, known) : undefined;
    throw new ConfigurationError(
      at,
      `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}${more}.`,
      suggestion ? `Did you mean '${suggestion}'?` : `Options of this router: ${known.join(', ')}.`,
    );
  }
  const input = (issue as { input?: unknown }).input;
  const problem = issue.code === 'invalid_type' && input === undefined ? 'is missing' : `${issue.message}${input === undefined ? '' : ` (got ${JSON.stringify(input)})`}`;
  const fix = (option && fixes[option]) ?? `Correct it; this router's options are: ${known.join(', ')}.`;
  throw new ConfigurationError(at, `${problem}${more}.`, fix);
}
