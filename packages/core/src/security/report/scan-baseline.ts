import { z } from 'zod';
import type { ScanFinding } from '../sarif/scan-finding';

/** The schema name of a baseline file. */
export const SCAN_BASELINE_SCHEMA = 'safe-deploy/security-baseline';

const baselineSchema = z.strictObject({
  schema: z.literal(SCAN_BASELINE_SCHEMA),
  version: z.literal(1),
  findings: z.array(
    z.looseObject({
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 fingerprint (64 hex characters)'),
      ruleId: z.string().optional(),
      path: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
});

/** A baseline as read: the accepted fingerprints, or why the file could not be used. */
export type ScanBaseline = { fingerprints: ReadonlySet<string>; problem?: undefined } | { fingerprints: ReadonlySet<string>; problem: string };

/**
 * Reads a baseline file (`{schema, version: 1, findings: [{fingerprint, ruleId, path, reason?}]}`). A corrupt file
 * is not an error that stops the scan and never a silent pass: it yields no fingerprints (every finding counts as
 * new) and a problem the report shows, naming the file and the first thing wrong with it.
 */
export function parseScanBaseline(text: string, file: string): ScanBaseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return corrupt(file, `it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join('.') : '(top level)';
    return corrupt(file, `${at}: ${issue?.message ?? 'invalid'}`);
  }
  return { fingerprints: new Set(parsed.data.findings.map((f) => f.fingerprint)) };
}

function corrupt(file: string, why: string): ScanBaseline {
  return {
    fingerprints: new Set(),
    problem: `the baseline ${file} cannot be used — ${why}; every finding counts as new until it is fixed (regenerate it with \`write-baseline\`).`,
  };
}

/** A baseline file accepting every finding given (sorted, one per fingerprint), for a team adopting the scan on an existing repository. */
export function renderScanBaseline(findings: readonly ScanFinding[]): string {
  const unique = new Map<string, ScanFinding>();
  for (const finding of findings) if (!unique.has(finding.fingerprint)) unique.set(finding.fingerprint, finding);
  const entries = [...unique.values()]
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId))
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path }));
  return `${JSON.stringify({ schema: SCAN_BASELINE_SCHEMA, version: 1, findings: entries }, null, 2)}\n`;
}
