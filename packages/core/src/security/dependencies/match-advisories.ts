import { compareVersions, isComparableVersion } from './compare-versions';
import { cvssBaseScore } from './cvss-base-score';
import { normalisePypiName, type Dependency, type Ecosystem } from './dependency';
import type { OsvAdvisory } from './osv-advisory';
import type { ScanSeverity } from '../sarif/scan-finding';

/** An installed dependency that an advisory says is affected. */
export interface VulnerabilityFinding {
  ruleId: 'vulnerable-dependency';
  advisoryId: string;
  aliases: string[];
  ecosystem: Ecosystem;
  packageName: string;
  packageVersion: string;
  dev?: boolean;
  file: string;
  line?: number;
  severity: ScanSeverity;
  /** The lowest fixed version above the installed one, when the advisory names one. */
  fixedIn?: string;
  message: string;
}

type Affected = OsvAdvisory['affected'][number];
type Range = Affected['ranges'][number];
type Event = Range['events'][number];

const GHSA_SEVERITY: Record<string, ScanSeverity> = { LOW: 'low', MODERATE: 'medium', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' };

/**
 * Which dependencies are affected by which advisories. Decides by: the ecosystem and name
 * (PyPI names PEP 503-normalised), then the advisory's explicit `versions`, then its SEMVER and
 * ECOSYSTEM ranges walked in version order (GIT ranges need a commit graph and are not used).
 * Withdrawn advisories match nothing. One finding per dependency and advisory.
 */
export function matchAdvisories(deps: Dependency[], advisories: OsvAdvisory[]): VulnerabilityFinding[] {
  const findings: VulnerabilityFinding[] = [];
  for (const advisory of advisories) {
    if (advisory.withdrawn) continue;
    for (const dep of deps) {
      const affected = advisory.affected.filter((entry) => entry.package.ecosystem === dep.ecosystem && samePackage(dep.ecosystem, entry.package.name, dep.name));
      const hits = affected.filter((entry) => isAffected(dep, entry));
      if (hits.length === 0) continue;
      const fixedIn = lowestFixAbove(dep, hits);
      const severity = assessSeverity(advisory);
      findings.push({
        ruleId: 'vulnerable-dependency',
        advisoryId: advisory.id,
        aliases: advisory.aliases,
        ecosystem: dep.ecosystem,
        packageName: dep.name,
        packageVersion: dep.version,
        ...(dep.dev ? { dev: true } : {}),
        file: dep.file,
        ...(dep.line !== undefined ? { line: dep.line } : {}),
        severity,
        ...(fixedIn !== undefined ? { fixedIn } : {}),
        message: describe(advisory, dep, severity, fixedIn),
      });
    }
  }
  return findings;
}

function samePackage(ecosystem: Ecosystem, a: string, b: string): boolean {
  return ecosystem === 'PyPI' ? normalisePypiName(a) === normalisePypiName(b) : a === b;
}

function isAffected(dep: Dependency, entry: Affected): boolean {
  if (entry.versions.some((version) => version === dep.version || (dep.ecosystem === 'Go' && stripV(version) === stripV(dep.version)))) return true;
  if (!isComparableVersion(dep.ecosystem, dep.version)) return false;
  return entry.ranges.some((range) => range.type !== 'GIT' && inRange(dep, range));
}

const stripV = (version: string) => version.replace(/^v/, '');

const eventVersion = (event: Event): string =>
  'introduced' in event ? event.introduced : 'fixed' in event ? event.fixed : 'last_affected' in event ? event.last_affected : event.limit;

/** OSV evaluation: walk the events in version order (`introduced: "0"` first); the last event at or below the version decides. */
function inRange(dep: Dependency, range: Range): boolean {
  const compare = (a: string, b: string) => (a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : compareVersions(dep.ecosystem, a, b));
  const limits = range.events.flatMap((event) => ('limit' in event ? [event.limit] : []));
  if (limits.some((limit) => limit !== '*' && compare(dep.version, limit) >= 0)) return false;
  const events = range.events.filter((event) => !('limit' in event)).sort((a, b) => compare(eventVersion(a), eventVersion(b)));
  let affected = false;
  for (const event of events) {
    const order = compare(dep.version, eventVersion(event));
    if ('introduced' in event) {
      if (order >= 0) affected = true;
    } else if ('fixed' in event) {
      if (order >= 0) affected = false;
    } else if ('last_affected' in event) {
      if (order > 0) affected = false;
    }
  }
  return affected;
}

function lowestFixAbove(dep: Dependency, entries: Affected[]): string | undefined {
  const fixes = entries
    .flatMap((entry) => entry.ranges.filter((range) => range.type !== 'GIT'))
    .flatMap((range) => range.events.flatMap((event) => ('fixed' in event ? [event.fixed] : [])))
    .filter((fixed) => isComparableVersion(dep.ecosystem, fixed) && compareVersions(dep.ecosystem, fixed, dep.version) > 0)
    .sort((a, b) => compareVersions(dep.ecosystem, a, b));
  return fixes[0];
}

/** Severity from GHSA's `database_specific.severity`, else the highest CVSS v3 base score, else medium. */
export function assessSeverity(advisory: OsvAdvisory): ScanSeverity {
  const ghsa = advisory.database_specific?.severity?.toUpperCase();
  if (ghsa && GHSA_SEVERITY[ghsa]) return GHSA_SEVERITY[ghsa];
  const scores = advisory.severity.flatMap((entry) => {
    const score = entry.type === 'CVSS_V3' ? cvssBaseScore(entry.score) : undefined;
    return score === undefined ? [] : [score];
  });
  if (scores.length === 0) return 'medium';
  const score = Math.max(...scores);
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

function describe(advisory: OsvAdvisory, dep: Dependency, severity: ScanSeverity, fixedIn: string | undefined): string {
  const about = advisory.summary ?? advisory.details?.split('\n')[0] ?? 'a known vulnerability';
  const fix = fixedIn ? `upgrade to ${fixedIn} or later` : 'no fixed version is published; remove or replace the package';
  return `${dep.name}@${dep.version} (${dep.ecosystem}) is affected by ${advisory.id} (${severity}): ${about}. Fix: ${fix}.`;
}
