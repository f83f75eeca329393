import { z } from 'zod';
import { durationSchema } from '@safe-deploy/core';
import { checkTemplate, type TemplateVariable } from './render-template';

/** A string template whose `{{variables}}` are checked when the policy is read, not when a query runs. */
export function templateSchema(allowed?: readonly TemplateVariable[]) {
  return z.string().min(1).superRefine((template, ctx) => {
    const problem = checkTemplate(template, allowed);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** An http(s) URL, possibly with `{{environment}}`, `{{track}}` or `{{version}}` in it. */
export const urlTemplateSchema = templateSchema(['environment', 'track', 'version']).superRefine((template, ctx) => {
  try {
    const url = new URL(template.replace(/\{\{\s*\w+\s*\}\}/g, 'x'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `expected an http(s) URL, got ${url.protocol}` });
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected an absolute http(s) URL' });
  }
});

/** Options every provider has: how long one read may take and how often to retry it. */
export const readOptions = {
  /** One read's timeout (seconds, or `10s`). */
  timeout: durationSchema.default(10).refine((seconds) => seconds > 0, 'must be more than 0'),
  /** Tries after the first failed one. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Wait before the first retry; doubles each time (seconds, or `500ms`). */
  'retry-delay': durationSchema.default(1),
};

/** Fix hints for the common options, by option name. */
export const READ_OPTION_FIXES: Readonly<Record<string, string>> = {
  kind: 'Use one of the provider kinds listed in the documentation.',
  name: 'Give the provider a short name (it labels every measurement), e.g. `name: app-health`.',
  timeout: 'Use a duration such as 5s or 500ms.',
  retries: 'Use a whole number from 0 to 10.',
  'retry-delay': 'Use a duration such as 1s or 500ms.',
  headers: 'Use a mapping of header names to strings, e.g. `headers: { Authorization: "Bearer …" }`.',
};

/** HTTP headers sent with every read (e.g. a bearer token for a hosted Prometheus). */
export const headersSchema = z.record(z.string().min(1), z.string()).optional();
