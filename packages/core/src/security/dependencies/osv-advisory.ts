import { z } from 'zod';

const eventSchema = z.union([
  z.object({ introduced: z.string() }),
  z.object({ fixed: z.string() }),
  z.object({ last_affected: z.string() }),
  z.object({ limit: z.string() }),
]);

/** The subset of the OSV schema (https://ossf.github.io/osv-schema/) the dependency scan reads; unknown fields pass through untouched. */
export const osvAdvisorySchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  summary: z.string().optional(),
  details: z.string().optional(),
  modified: z.string().optional(),
  withdrawn: z.string().optional(),
  severity: z.array(z.object({ type: z.string(), score: z.string() })).default([]),
  affected: z
    .array(
      z.object({
        package: z.object({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }),
        ranges: z
          .array(z.object({ type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']), repo: z.string().optional(), events: z.array(eventSchema) }))
          .default([]),
        versions: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  database_specific: z.object({ severity: z.string().optional() }).loose().optional(),
});

/** One OSV advisory as the scanner uses it. */
export type OsvAdvisory = z.infer<typeof osvAdvisorySchema>;
