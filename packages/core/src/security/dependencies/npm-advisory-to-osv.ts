import { compareVersions } from './compare-versions';
import type { OsvAdvisory } from './osv-advisory';

/**
 * One advisory of npm's bulk advisory answer (`POST /-/npm/v1/security/advisories/bulk`), as the adapter parsed it.
 * `cwe` and `cvss` are missing from older answers; `vectorString` is null for advisories GitHub did not score.
 */
export interface NpmBulkAdvisory {
  id: number;
  url: string;
  title: string;
  severity: string;
  vulnerable_versions: string;
  cwe?: string[] | string;
  cvss?: { score: number; vectorString: string | null };
}

type Affected = OsvAdvisory['affected'][number];
type Range = Affected['ranges'][number];
type Operator = '<' | '<=' | '>' | '>=' | '=';
interface Comparator {
  operator: Operator;
  version: string;
}

const GHSA_IN_URL = /\/advisories\/(GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})(?:[/?#]|$)/i;
const FULL_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z.-]+)?$/;
const PARTIAL = /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;
// npm's words; `info` has no GHSA counterpart and is the least of them.
const SEVERITY_WORD: Record<string, string> = { info: 'LOW', low: 'LOW', moderate: 'MODERATE', medium: 'MODERATE', high: 'HIGH', critical: 'CRITICAL' };

/**
 * Converts one npm bulk advisory for `packageName` into an OSV advisory, so npm's data goes through the same matcher as
 * OSV's. Decides by: the id (the GHSA id in the advisory's URL, else `NPM-<number>`), the severity (npm's word as GHSA
 * spells it, in `database_specific.severity`; the CVSS vector in `severity` when npm has one) and the affected versions.
 *
 * `vulnerable_versions` is a node-semver range; each `||` alternative becomes one SEMVER range: `>=a` → introduced a
 * (none → introduced 0), `<b` → fixed b, `<=b` → last_affected b, `a - b` → introduced a, last_affected b, and a bare or
 * `=` version goes to `versions`. An alternative OSV cannot express (`>a`, two lower bounds) is evaluated here instead:
 * the `queriedVersions` it contains go to `versions`. One this function cannot read at all (`^`, `~`, `1.x`) marks every
 * queried version affected: npm only answers with advisories that affect a version it was asked about, and a missed
 * vulnerability costs more than a false alarm. The range as npm wrote it stays in `database_specific.npm_vulnerable_versions`.
 */
export function npmAdvisoryToOsv(packageName: string, advisory: NpmBulkAdvisory, queriedVersions: readonly string[]): OsvAdvisory {
  const ranges: Range[] = [];
  const versions = new Set<string>();
  let unreadable = false;
  for (const alternative of advisory.vulnerable_versions.split('||')) {
    const comparators = parseComparatorSet(alternative);
    if (!comparators) {
      unreadable = true;
      queriedVersions.forEach((version) => versions.add(version));
      continue;
    }
    const exact = comparators.length === 1 && comparators[0]?.operator === '=' ? comparators[0].version : undefined;
    const range = exact === undefined ? toSemverRange(comparators) : undefined;
    if (exact !== undefined) versions.add(exact);
    else if (range) ranges.push(range);
    else queriedVersions.filter((version) => satisfiesAll(version, comparators)).forEach((version) => versions.add(version));
  }
  const ghsa = GHSA_IN_URL.exec(advisory.url)?.[1];
  const vector = advisory.cvss?.vectorString ?? undefined;
  const cwe = advisory.cwe === undefined ? [] : Array.isArray(advisory.cwe) ? advisory.cwe : [advisory.cwe];
  const severityWord = SEVERITY_WORD[advisory.severity.toLowerCase()];
  return {
    id: ghsa ? `GHSA-${ghsa.slice(5).toLowerCase()}` : `NPM-${advisory.id}`,
    aliases: [],
    summary: advisory.title,
    severity: vector ? [{ type: cvssType(vector), score: vector }] : [],
    affected: [{ package: { ecosystem: 'npm', name: packageName }, ranges, versions: [...versions].sort() }],
    database_specific: {
      ...(severityWord ? { severity: severityWord } : {}),
      source: 'npm',
      url: advisory.url,
      npm_advisory_id: advisory.id,
      npm_vulnerable_versions: advisory.vulnerable_versions,
      ...(unreadable ? { npm_range_unreadable: true } : {}),
      ...(cwe.length > 0 ? { cwe_ids: cwe } : {}),
    },
  };
}

function cvssType(vector: string): string {
  if (vector.startsWith('CVSS:4')) return 'CVSS_V4';
  return vector.startsWith('CVSS:3') ? 'CVSS_V3' : 'CVSS_V2';
}

/** The comparators of one `||` alternative; undefined when it uses syntax this reader does not know (`^`, `~`, x-ranges). */
function parseComparatorSet(text: string): Comparator[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return [];
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(trimmed);
  if (hyphen) {
    const [from, to] = [hyphen[1] ?? '', hyphen[2] ?? ''].map((version) => version.replace(/^v/, ''));
    return from && to && FULL_SEMVER.test(from) && FULL_SEMVER.test(to) ? [{ operator: '>=', version: from }, { operator: '<=', version: to }] : undefined;
  }
  const comparators: Comparator[] = [];
  for (const token of trimmed.replace(/(<=|>=|<|>|=)\s+/g, '$1').split(/\s+/)) {
    const match = /^(<=|>=|<|>|=)?v?(.+)$/.exec(token);
    const operator = (match?.[1] ?? '=') as Operator;
    const version = fullVersion(operator, match?.[2] ?? '');
    if (version === undefined) return undefined;
    comparators.push({ operator, version });
  }
  return comparators;
}

/** `1` and `1.2` mean `1.0.0` and `1.2.0` as a lower bound or below `<`; elsewhere a partial version is not read. */
function fullVersion(operator: Operator, version: string): string | undefined {
  if (FULL_SEMVER.test(version)) return version;
  const partial = PARTIAL.exec(version);
  if (!partial || (operator !== '>=' && operator !== '<')) return undefined;
  return `${partial[1]}.${partial[2] ?? 0}.0`;
}

/** One SEMVER range when the comparators are an interval OSV can say: at most `>=a`, and at most one of `<b`, `<=b`. */
function toSemverRange(comparators: Comparator[]): Range | undefined {
  const lower = comparators.filter((c) => c.operator === '>=');
  const upper = comparators.filter((c) => c.operator === '<' || c.operator === '<=');
  if (lower.length > 1 || upper.length > 1 || lower.length + upper.length !== comparators.length) return undefined;
  const events: Range['events'] = [{ introduced: lower[0]?.version ?? '0' }];
  const end = upper[0];
  if (end) events.push(end.operator === '<' ? { fixed: end.version } : { last_affected: end.version });
  return { type: 'SEMVER', events };
}

function satisfiesAll(version: string, comparators: Comparator[]): boolean {
  if (!FULL_SEMVER.test(version)) return false;
  return comparators.every(({ operator, version: bound }) => {
    const order = compareVersions('npm', version, bound);
    return operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : operator === '>=' ? order >= 0 : order === 0;
  });
}
