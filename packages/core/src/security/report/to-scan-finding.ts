import { sha256 } from '../../text/sha256';
import type { VulnerabilityFinding } from '../dependencies/match-advisories';
import type { ScanFinding, ScanRule } from '../sarif/scan-finding';
import type { SecretFinding } from '../secrets/scan-secrets';

/** A secret finding in the report's shape: the redacted form travels, the value never does. */
export function secretToScanFinding(finding: SecretFinding): ScanFinding {
  return {
    category: 'secret',
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: `${finding.message} (found: ${finding.redacted}, fingerprint ${finding.fingerprint.slice(0, 12)})`,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine === finding.line ? { endColumn: finding.endColumn } : {}),
    fingerprint: finding.fingerprint,
    redacted: finding.redacted,
  };
}

/**
 * A vulnerable dependency in the report's shape. The rule is the advisory (so `disabled-rules` can accept one
 * advisory and code scanning groups alerts by it); the fingerprint hashes advisory, lockfile and package@version.
 */
export function vulnerabilityToScanFinding(finding: VulnerabilityFinding): ScanFinding {
  return {
    category: 'vulnerable-dependency',
    ruleId: finding.advisoryId,
    severity: finding.severity,
    message: finding.dev ? `${finding.message} (a development dependency)` : finding.message,
    path: finding.file,
    line: finding.line ?? 1,
    package: `${finding.packageName}@${finding.packageVersion}`,
    fingerprint: sha256(`${finding.advisoryId}:${finding.file}:${finding.packageName}@${finding.packageVersion}`),
  };
}

/** The SARIF rule of an advisory that matched, described by its own summary. */
export function advisoryRule(finding: VulnerabilityFinding, summary: string | undefined): ScanRule {
  const aliases = finding.aliases.length ? ` (${finding.aliases.join(', ')})` : '';
  return {
    id: finding.advisoryId,
    category: 'vulnerable-dependency',
    severity: finding.severity,
    description: `${summary ?? 'Known vulnerability'}${aliases}`.slice(0, 300),
    help: `A dependency version affected by ${finding.advisoryId}${aliases}. Upgrade to a fixed version${finding.fixedIn ? ` (${finding.fixedIn} or later for ${finding.packageName})` : ''}, or remove the package.`,
  };
}
