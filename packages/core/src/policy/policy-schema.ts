import { z } from 'zod';
import { durationSchema } from './duration';

// One schema for every action. Keys are kebab-case, the same vocabulary as action inputs.
// Defaults are the numbers of the seed runbooks (seed 000 canary/partial-failure/tiers, 003 triggers and
// rollback, 004 absolute thresholds and health checks). Sections an action does not use yet are validated
// so that later actions extend them instead of reshaping the file.

const percent = z.number().min(0).max(100);
const positiveInt = z.number().int().positive();
const duration = durationSchema;

const verifySchema = z
  .strictObject({
    /** URL probed after a restore; the `health-url` input overrides it. */
    url: z.url().optional(),
    'expected-status': z.number().int().min(100).max(599).default(200),
    /** Total time the restored version has to answer healthy (seed 003: 120 s). */
    timeout: duration.default(120),
    interval: duration.default(5),
    'request-timeout': duration.default(10),
    /** Failed probes tolerated before verification fails (within `timeout`). */
    retries: z.number().int().min(0).default(23),
  })
  .prefault({});

const incidentSchema = z
  .strictObject({
    /** Open an incident for manual rollbacks too (automatic ones always open one). */
    'on-manual': z.boolean().default(true),
    labels: z.array(z.string().min(1)).default(['incident', 'rollback']),
    severity: z.enum(['S1', 'S2', 'S3', 'S4']).default('S2'),
    /** Added when the restored version is unhealthy too (seed 003: systemic issue). */
    'escalation-labels': z.array(z.string().min(1)).default(['critical']),
    assignees: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

const rollbackSchema = z
  .strictObject({
    /** Kill switch (seed 003 `enabled`): false turns automatic rollbacks into a plan only; manual ones still run. */
    auto: z.boolean().default(true),
    'max-attempts': positiveInt.max(10).default(3),
    'retry-delay': duration.default(10),
    'command-timeout': duration.default(600),
    /** How many deployments back to look for the last known good one. */
    'history-limit': positiveInt.max(1000).default(100),
    verify: verifySchema,
    incident: incidentSchema,
  })
  .prefault({});

const lockSchema = z
  .strictObject({
    /** A deployment still `in_progress` after this long no longer blocks new ones. */
    'stale-after': duration.default(7200),
    /** Seed 000: no new deploys to the same system during the post-deploy observation window. */
    'observation-window': duration.default(48 * 3600),
  })
  .prefault({});

const stageSchema = z.strictObject({
  /** Percent of requests the canary gets at this stage (more than 0, at most 100). */
  weight: z.number().gt(0).max(100),
  hold: duration,
});

const canarySchema = z
  .strictObject({
    stages: z
      .array(stageSchema)
      .min(1)
      .default([
        { weight: 5, hold: 600 },
        { weight: 25, hold: 600 },
        { weight: 50, hold: 600 },
        { weight: 100, hold: 1800 },
      ]),
    'check-interval': duration.default(60),
    bake: duration.default(0),
    /** Seed 000 partial-failure protocol on the canary's success rate (%). */
    'partial-failure': z
      .strictObject({ 'continue-at': percent.default(95), 'pause-at': percent.default(80) })
      .prefault({}),
    /** Extra holds a stage gets while its verdict is inconclusive (too little traffic, a metrics source down). */
    'max-inconclusive-holds': z.number().int().min(0).default(3),
    /** After those: `abort` puts traffic back on stable and fails the rollout; `pause` waits for a person. Never a rollback. */
    'on-inconclusive': z.enum(['abort', 'pause']).default('abort'),
    /** How often a running rollout reads its own record for `abort`/`promote` requests (each read is one GitHub request). */
    'control-interval': duration.default(300),
    /** How long the router may take to serve a new weight before the change counts as failed. */
    'weight-timeout': duration.default(15),
    /** Seed 001: URLs that must answer 2xx within `timeout` after the deploy command, before any traffic moves. */
    'smoke-checks': z
      .strictObject({ urls: z.array(z.url()).default([]), timeout: duration.default(30), interval: duration.default(2) })
      .prefault({}),
    /** The traffic router and its options (`kind: nginx` or `kind: command`; see the progressive-deploy README). */
    router: z
      .looseObject({ kind: z.string().default('command') })
      .prefault({}),
  })
  .superRefine((canary, ctx) => {
    canary.stages.forEach((stage, index) => {
      const previous = canary.stages[index - 1];
      if (previous && stage.weight <= previous.weight) {
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'weight'], message: `stage weights must increase: ${stage.weight} % follows ${previous.weight} %` });
      }
    });
    const last = canary.stages.at(-1);
    if (last && last.weight !== 100) {
      ctx.addIssue({ code: 'custom', path: ['stages', canary.stages.length - 1, 'weight'], message: `the last stage must send 100 % to the new version (it is ${last.weight} %): a rollout ends with every request on it` });
    }
    if (canary['partial-failure']['pause-at'] > canary['partial-failure']['continue-at']) {
      ctx.addIssue({ code: 'custom', path: ['partial-failure', 'pause-at'], message: `pause-at (${canary['partial-failure']['pause-at']} %) is above continue-at (${canary['partial-failure']['continue-at']} %), so the pause band would be empty` });
    }
  })
  .prefault({});

const thresholdSet = (errorRate: number, availability: number, responseMs: number) =>
  z
    .strictObject({
      'error-rate-percent': percent.default(errorRate),
      'availability-percent': percent.default(availability),
      'response-time-ms': z.number().positive().default(responseMs),
    })
    .prefault({});

const countInWindow = (count: number, window: number) =>
  z.strictObject({ count: positiveInt.default(count), window: duration.default(window) }).prefault({});

const healthSchema = z
  .strictObject({
    providers: z.array(z.looseObject({ kind: z.string(), name: z.string().optional() })).default([]),
    triggers: z
      .strictObject({
        // A multiplier of 1 or less would call every canary that merely matches its baseline a regression.
        'error-rate-multiplier': z.number().gt(1).default(2),
        'p95-multiplier': z.number().gt(1).default(1.5),
        'canary-p95-multiplier': z.number().gt(1).default(3),
        'memory-percent': percent.default(90),
        'memory-growth-percent-per-minute': z.number().positive().default(20),
        'db-connection-errors': countInWindow(10, 120),
        'health-check-failures': countInWindow(3, 300),
        'consecutive-failures': countInWindow(3, 60),
      })
      .prefault({}),
    critical: thresholdSet(5, 99, 2000),
    warning: thresholdSet(3, 99.5, 1500),
    'minimum-requests': positiveInt.default(100),
    /** What a metric without data means: hold (inconclusive, the default), pass (ignore it) or fail (unhealthy). */
    'on-no-data': z.enum(['hold', 'pass', 'fail']).default('hold'),
    /** How long a metric may hold before the watch reports it cannot conclude. */
    'max-hold': duration.default(600),
    /** Per-metric overrides of `on-no-data` and `max-hold`, by metric name (e.g. `error-rate`, `latency-p95`). */
    metrics: z
      .record(z.string(), z.strictObject({ 'on-no-data': z.enum(['hold', 'pass', 'fail']).optional(), 'max-hold': duration.optional() }))
      .default({}),
    'observation-window': duration.default(48 * 3600),
  })
  .superRefine((health, ctx) => {
    // Contradictory thresholds would make a warning fire after the rollback it should precede.
    const pairs: { key: 'error-rate-percent' | 'response-time-ms' | 'availability-percent'; worse: 'above' | 'below' }[] = [
      { key: 'error-rate-percent', worse: 'above' },
      { key: 'response-time-ms', worse: 'above' },
      { key: 'availability-percent', worse: 'below' },
    ];
    for (const { key, worse } of pairs) {
      const warning = health.warning[key];
      const critical = health.critical[key];
      if (worse === 'above' ? warning > critical : warning < critical) {
        ctx.addIssue({
          code: 'custom',
          path: ['warning', key],
          message: `the warning level (${warning}) is ${worse === 'above' ? 'above' : 'below'} the critical level health.critical.${key} (${critical}), so the warning could never come first`,
        });
      }
    }
  })
  .prefault({});

const preflightSchema = z
  .strictObject({
    commands: z.record(z.string(), z.string()).default({}),
    'command-timeout': duration.default(1800),
    tests: z
      .strictObject({
        junit: z.array(z.string()).default([]),
        'allow-skipped': z.boolean().default(false),
        'pass-rate': z
          .strictObject({ 'continue-at': percent.default(95), 'pause-at': percent.default(80) })
          .prefault({}),
      })
      .prefault({}),
    coverage: z
      .strictObject({ files: z.array(z.string()).default([]), 'new-code-target': percent.default(80) })
      .prefault({}),
    checklist: z
      .strictObject({
        'rollback-tested-within': duration.default(7 * 86400),
        runbook: z.string().optional(),
      })
      .prefault({}),
  })
  .prefault({});

const securitySchema = z
  .strictObject({
    'block-on': z.enum(['critical', 'high', 'medium', 'low']).default('high'),
    baseline: z.string().default('.github/security-baseline.json'),
    'disabled-rules': z.array(z.string()).default([]),
    rules: z.array(z.looseObject({ id: z.string(), regex: z.string() })).default([]),
    allowlist: z
      .strictObject({
        paths: z.array(z.string()).default([]),
        regexes: z.array(z.string()).default([]),
        stopwords: z.array(z.string()).default([]),
      })
      .prefault({}),
  })
  .prefault({});

const componentSchema = z.strictObject({
  paths: z.array(z.string()).min(1),
  kind: z.enum(['service', 'library', 'infra', 'database']).default('service'),
  criticality: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
  owners: z.array(z.string()).default([]),
});

const dependenciesSchema = z
  .strictObject({
    components: z.record(z.string(), componentSchema).default({}),
    /** Seed 000: 1–2 services proceed (Tier 2), 3–5 add monitoring, more escalate to Tier 3. */
    'blast-radius': z
      .strictObject({ 'proceed-max': positiveInt.default(2), 'monitor-max': positiveInt.default(5) })
      .prefault({}),
    'criticality-lift': z.boolean().default(true),
  })
  .prefault({});

const changeSchema = z
  .strictObject({
    /** What a change touches (seed 000 rollback tiers); `external` forces Tier 3. */
    touches: z.array(z.enum(['git', 'config', 'state', 'external'])).default(['git']),
  })
  .prefault({});

/** The whole policy file, shared by all six actions. */
export const policySchema = z.strictObject({
  version: z.literal(1).default(1),
  rollback: rollbackSchema,
  lock: lockSchema,
  canary: canarySchema,
  health: healthSchema,
  preflight: preflightSchema,
  security: securitySchema,
  dependencies: dependenciesSchema,
  change: changeSchema,
});

/** The policy after defaults are applied (durations in seconds). */
export type Policy = z.output<typeof policySchema>;

/** The policy every action uses when the repository has no policy file. */
export function defaultPolicy(): Policy {
  return policySchema.parse({});
}
