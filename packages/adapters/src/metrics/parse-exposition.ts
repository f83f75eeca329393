import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { z } from 'zod';

/** One sample of a text exposition: series name (with `_bucket`/`_sum`/`_count` suffixes kept), labels, value. */
export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  /** NaN when the text held no number. */
  value: number;
}

const familiesSchema = z.array(
  z.object({
    name: z.string(),
    metrics: z.array(z.object({ value: z.string().optional(), labels: z.record(z.string(), z.string()).optional() })),
  }),
);

/**
 * Parses a Prometheus text exposition into flat samples. parse-prometheus-text-format 1.1.1 merges the series of
 * a labelled histogram or summary into one (labels, `_sum` and `_count` lost, buckets overwritten — its open
 * PR #8), so histogram and summary families are declared `untyped` before parsing: every `_bucket` sample then
 * keeps its own labels, `le` included, and the caller regroups them.
 */
export function parseExposition(text: string): { ok: true; samples: ExpositionSample[] } | { ok: false; problem: string } {
  const untyped = text.replace(/^(#\s*TYPE\s+\S+\s+)(histogram|summary|gaugehistogram)\s*$/gim, '$1untyped');
  let raw: unknown;
  try {
    raw = parsePrometheusTextFormat(untyped);
  } catch (error) {
    return { ok: false, problem: `not a Prometheus text exposition: ${(error as Error).message}` };
  }
  const families = familiesSchema.safeParse(raw);
  if (!families.success) return { ok: false, problem: 'not a Prometheus text exposition (unexpected parser output)' };
  const samples = families.data.flatMap((family) =>
    family.metrics.flatMap((metric) => (metric.value === undefined ? [] : [{ name: family.name, labels: metric.labels ?? {}, value: parseSampleValue(metric.value) }])),
  );
  return { ok: true, samples };
}

function parseSampleValue(text: string): number {
  const trimmed = text.trim();
  if (/^\+?inf$/i.test(trimmed)) return Infinity;
  if (/^-inf$/i.test(trimmed)) return -Infinity;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return NaN;
  return Number(trimmed);
}
