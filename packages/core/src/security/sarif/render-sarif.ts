import { SCAN_SEVERITIES, type ScanCategory, type ScanFinding, type ScanRule, type ScanSeverity } from './scan-finding';

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<ScanSeverity, string> = { critical: '9.5', high: '7.5', medium: '5.0', low: '2.0' };
const LEVEL: Record<ScanSeverity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const CATEGORIES: readonly ScanCategory[] = ['secret', 'dangerous-pattern', 'input-flow', 'vulnerable-dependency'];

/** A SARIF 2.1.0 log, as far as the scan writes it. */
export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: Record<string, unknown>[];
}

/**
 * SARIF 2.1.0 for `github/codeql-action/upload-sarif`: one run per category that has rules (each with its own
 * `automationDetails.id`, since code scanning rejects two runs of one tool in one category), rules with
 * `security-severity`, results with `partialFingerprints` from the finding's fingerprint (stable across runs and
 * line moves), locations relative to `%SRCROOT%`. Findings are sorted, so the same scan writes the same bytes.
 */
export function renderSarif(input: { findings: readonly ScanFinding[]; rules: readonly ScanRule[]; toolVersion: string; informationUri: string }): SarifLog {
  const runs = CATEGORIES.flatMap((category) => {
    const findings = input.findings.filter((f) => f.category === category);
    // A category with rules but no findings still gets its (empty) run: that is how code scanning closes old alerts.
    const rules = input.rules.filter((r) => r.category === category);
    const referenced = [...new Set(findings.map((f) => f.ruleId))];
    const known = new Set(rules.map((r) => r.id));
    // A finding of a rule nobody described (a user rule) still gets a rule entry, so its result can point at one.
    const all: ScanRule[] = [...rules, ...referenced.filter((id) => !known.has(id)).map((id) => ({ id, category, severity: findings.find((f) => f.ruleId === id)?.severity ?? 'medium', description: id }))];
    if (all.length === 0 && findings.length === 0) return [];
    const index = new Map(all.map((rule, i) => [rule.id, i]));
    return [
      {
        tool: {
          driver: {
            name: 'safe-deploy security-scan',
            version: input.toolVersion,
            informationUri: input.informationUri,
            rules: all.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              ...(rule.help ? { help: { text: rule.help, markdown: rule.help } } : {}),
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { 'security-severity': SECURITY_SEVERITY[rule.severity], tags: ['security', category] },
            })),
          },
        },
        automationDetails: { id: `safe-deploy/${category}/` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results: [...findings].sort(byLocation).map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId) ?? 0,
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.path, uriBaseId: '%SRCROOT%' },
                region: { startLine: Math.max(1, finding.line), ...(finding.column ? { startColumn: finding.column } : {}), ...(finding.endColumn ? { endColumn: finding.endColumn } : {}) },
              },
            },
          ],
          partialFingerprints: { 'safeDeployFindingHash/v1': finding.fingerprint },
          properties: { severity: finding.severity, ...(finding.commit ? { commit: finding.commit } : {}) },
        })),
      },
    ];
  });
  return { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs };
}

function byLocation(a: ScanFinding, b: ScanFinding): number {
  return a.path.localeCompare(b.path) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId) || SCAN_SEVERITIES.indexOf(a.severity) - SCAN_SEVERITIES.indexOf(b.severity);
}
