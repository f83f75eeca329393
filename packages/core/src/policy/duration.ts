import { z } from 'zod';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `90`, `"30s"`, `"10m"`, `"2h"`, `"7d"` or `"500ms"` into seconds; undefined when it is not a duration. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return amount * (UNIT_SECONDS[match[2] ?? 's'] ?? 1);
}

/** A policy duration: seconds as a number, or a string with a unit (`ms`, `s`, `m`, `h`, `d`); parsed to seconds. */
export const durationSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as 30s, 10m, 2h or 7d (or a number of seconds), got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return seconds;
});
