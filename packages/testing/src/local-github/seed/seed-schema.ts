import { z } from 'zod';

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 timestamp, e.g. 2024-05-01T12:00:00Z');
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character lowercase hex sha');

/** A seeded commit; `id` is an alias other seed entries can use instead of the sha. */
const SeedCommitSchema = z.strictObject({
  id: z.string().optional(),
  sha: sha.optional(),
  message: z.string(),
  author: z.strictObject({ name: z.string().optional(), email: z.string().optional(), login: z.string().optional() }).optional(),
  date: timestamp.optional(),
});

/** A branch: commits oldest first, on top of `from` (alias, sha, branch or tag). */
const SeedBranchSchema = z.strictObject({
  name: z.string().min(1),
  from: z.string().optional(),
  commits: z.array(SeedCommitSchema).default([]),
  /** Makes GitHub's deployment auto-merge of the default branch into this branch conflict (409). */
  merge_conflict: z.boolean().optional(),
});

const SeedDeploymentStatusSchema = z.strictObject({
  state: z.enum(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']),
  description: z.string().optional(),
  log_url: z.string().optional(),
  environment_url: z.string().optional(),
  environment: z.string().optional(),
  auto_inactive: z.boolean().optional(),
  created_at: timestamp.optional(),
});

/** A deployment of `commit` (alias or sha) and/or `ref`; statuses apply in order, as via the API. */
const SeedDeploymentSchema = z.strictObject({
  commit: z.string().optional(),
  ref: z.string().optional(),
  environment: z.string().optional(),
  task: z.string().optional(),
  payload: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
  description: z.string().nullable().optional(),
  production_environment: z.boolean().optional(),
  transient_environment: z.boolean().optional(),
  created_at: timestamp.optional(),
  statuses: z.array(SeedDeploymentStatusSchema).default([]),
}).refine((deployment) => deployment.commit !== undefined || deployment.ref !== undefined, 'needs `commit` (an alias or sha) or `ref` (a branch, tag or sha)');

const SeedIssueSchema = z.strictObject({
  title: z.string(),
  body: z.string().optional(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'reopened', 'not_planned', 'duplicate']).optional(),
  labels: z.array(z.string()).default([]),
  user: z.string().optional(),
  created_at: timestamp.optional(),
  comments: z.array(z.strictObject({ body: z.string(), user: z.string().optional(), created_at: timestamp.optional() })).default([]),
});

const SeedRepositorySchema = z.strictObject({
  owner: z.string().min(1),
  name: z.string().min(1),
  default_branch: z.string().default('main'),
  description: z.string().nullable().optional(),
  private: z.boolean().default(false),
  branches: z.array(SeedBranchSchema).default([]),
  tags: z.array(z.strictObject({ name: z.string(), commit: z.string(), message: z.string().optional() })).default([]),
  commit_statuses: z.array(z.strictObject({
    commit: z.string(),
    context: z.string().default('default'),
    state: z.enum(['error', 'failure', 'pending', 'success']),
    description: z.string().optional(),
    target_url: z.string().optional(),
    created_at: timestamp.optional(),
  })).default([]),
  labels: z.array(z.strictObject({ name: z.string(), color: z.string().optional(), description: z.string().optional() })).default([]),
  deployments: z.array(SeedDeploymentSchema).default([]),
  issues: z.array(SeedIssueSchema).default([]),
});

/** The seed format: repositories with branches of commits, tags, statuses, deployments, labels and issues. */
export const LocalGitHubSeedSchema = z.strictObject({
  repositories: z.array(SeedRepositorySchema).default([]),
});

/** A seed as written (defaults optional). */
export type LocalGitHubSeed = z.input<typeof LocalGitHubSeedSchema>;

/** A seed after parsing (defaults filled in). */
export type ParsedSeed = z.output<typeof LocalGitHubSeedSchema>;

/** A parsed seed repository. */
export type ParsedSeedRepository = ParsedSeed['repositories'][number];

/** Parses a seed; the error names every bad path (`repositories.0.deployments.2.commit: …`). */
export function parseSeed(input: unknown): ParsedSeed {
  const result = LocalGitHubSeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(seed)'}: ${issue.message}`).join('\n');
  throw new Error(`Invalid local GitHub seed; fix these entries:\n${problems}`);
}
