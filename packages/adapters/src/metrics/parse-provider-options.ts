import type { z } from 'zod';
import { closestMatch, ConfigurationError } from '@safe-deploy/core';

/**
 * Validates one plug-in's options — a `health.providers[i]` entry, or `canary.router` — against its kind's schema.
 * A mistake throws a ConfigurationError naming the exact policy path (`health.providers[1].url`), the bad value and
 * the fix — from `fixes` (by option) or a list of the kind's options; a misspelt option gets a "did you mean".
 */
export function parseProviderOptions<S extends z.ZodObject>(
  schema: S,
  config: unknown,
  where: string,
  fixes: Readonly<Record<string, string>> = {},
  noun: 'provider' | 'router' = 'provider',
): z.output<S> {
  const result = schema.safeParse(config, { reportInput: true });
  if (result.success) return result.data;
  const known = Object.keys(schema.shape);
  const [issue, ...others] = result.error.issues;
  if (!issue) throw new ConfigurationError(where, `is not a valid ${noun}.`, `See the options: ${known.join(', ')}.`);
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  const at = `${where}${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`;
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''} in this ${noun})` : '';
  const option = typeof path[0] === 'string' ? path[0] : undefined;
  if (issue.code === 'unrecognized_keys') {
    const [first = ''] = issue.keys;
    const suggestion = path.length === 0 ? closestMatch(first, known) : undefined;
    throw new ConfigurationError(
      at,
      `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}${more}.`,
      suggestion ? `Did you mean '${suggestion}'?` : path.length === 0 ? `Options of this ${noun}: ${known.join(', ')}.` : 'Remove it, or check the spelling against the documentation.',
    );
  }
  const input = (issue as { input?: unknown }).input;
  const problem = issue.code === 'invalid_type' && input === undefined ? 'is missing' : `${issue.message}${input === undefined ? '' : ` (got ${JSON.stringify(input)})`}`;
  const fix = (option && fixes[option]) ?? `Correct it; this ${noun}'s options are: ${known.join(', ')}.`;
  throw new ConfigurationError(at, `${problem}${more}.`, fix);
}
