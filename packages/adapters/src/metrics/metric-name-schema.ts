import { z } from 'zod';
import { METRICS, type MetricName } from '@safe-deploy/core';

/** A canonical metric name or `custom:<name>` (lowercase letters, digits, `.`, `_`, `-`). */
export const metricNameSchema = z
  .string()
  .refine((name) => (METRICS as readonly string[]).includes(name) || /^custom:[a-z0-9][a-z0-9._-]*$/.test(name), {
    message: `expected one of ${METRICS.join(', ')} or custom:<name>`,
  })
  .transform((name) => name as MetricName);
