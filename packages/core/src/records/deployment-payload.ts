import { z } from 'zod';
import { baselineSchema } from '../health/baseline';

/** The schema name written into every payload the suite creates. */
export const PAYLOAD_SCHEMA = 'safe-deploy/deployment';
/** The payload version this build writes and reads. */
export const PAYLOAD_VERSION = 1;

const sha = z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-character commit sha');

const verdictSchema = z.looseObject({
  verdict: z.string(),
  tier: z.number().int().min(1).max(3).optional(),
  reasons: z.array(z.string()).default([]),
});

/** The workflow run that wrote a record. */
export const runSchema = z.strictObject({
  id: z.string(),
  attempt: z.string().optional(),
  url: z.string(),
  workflow: z.string().optional(),
  actor: z.string().optional(),
  event: z.string().optional(),
});

/** Release manifest and suite metadata stored in a deployment's payload (seed 002's manifest, versioned). */
export const deploymentPayloadSchema = z.looseObject({
  schema: z.literal(PAYLOAD_SCHEMA),
  version: z.literal(PAYLOAD_VERSION),
  kind: z.enum(['deploy', 'rollback', 'drill']),
  release: z.strictObject({
    version: z.string().optional(),
    sha,
    ref: z.string(),
  }),
  run: runSchema.optional(),
  verdicts: z
    .strictObject({
      preflight: verdictSchema.optional(),
      security: verdictSchema.optional(),
      dependency: verdictSchema.optional(),
    })
    .optional(),
  /** The stable version's metrics captured before this change (seed 003), for health checks after it. */
  baseline: baselineSchema.optional(),
  /** Present on progressive deploys: the stages as planned, the router, the policy's digest, and any lock override. */
  rollout: z
    .strictObject({
      stages: z.array(z.strictObject({ weight: z.number(), hold: z.number() })).min(1),
      router: z.string(),
      'policy-digest': z.string().optional(),
      override: z.strictObject({ reason: z.string().min(1), by: z.string().optional() }).optional(),
    })
    .optional(),
  /** Present on rollback deployments: which deployment this one replaces, and why. */
  rollback: z
    .strictObject({
      'from-deployment': z.number().int().positive().optional(),
      'from-sha': sha.optional(),
      reason: z.string(),
      trigger: z.enum(['automatic', 'manual']),
      'target-deployment': z.number().int().positive().optional(),
    })
    .optional(),
});

/** A parsed payload. Later actions add fields (baseline, canary stages) without a version bump while old readers ignore them. */
export type DeploymentPayload = z.output<typeof deploymentPayloadSchema>;

/** Reads a payload from GitHub: ours and valid → parsed; absent or foreign → undefined; ours but broken → a problem. */
export function parseDeploymentPayload(raw: unknown): { payload?: DeploymentPayload; problem?: string } {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  if (typeof value !== 'object' || value === null || (value as { schema?: unknown }).schema !== PAYLOAD_SCHEMA) return {};
  const version = (value as { version?: unknown }).version;
  if (version !== PAYLOAD_VERSION) {
    return { problem: `payload version ${String(version)} is not readable by this version of safe-deploy (reads ${PAYLOAD_VERSION})` };
  }
  const parsed = deploymentPayloadSchema.safeParse(value);
  if (parsed.success) return { payload: parsed.data };
  return { problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** Validates a payload before it is written, so a bad record never reaches GitHub. */
export function buildDeploymentPayload(payload: DeploymentPayload): DeploymentPayload {
  return deploymentPayloadSchema.parse(payload);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
