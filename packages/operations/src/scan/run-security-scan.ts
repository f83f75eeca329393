import {
  compileUserRules,
  isLockfilePath,
  isOutsideFlowScope,
  matchAdvisories,
  parseLockfile,
  PATTERN_RULES,
  scanPatterns,
  scanSecrets,
  SECRET_RULES,
  secretToScanFinding,
  vulnerabilityToScanFinding,
  advisoryRule,
  type AdvisorySource,
  type Dependency,
  type Log,
  type Policy,
  type ScanCoverage,
  type ScanFinding,
  type ScanOutcome,
  type ScanProblem,
  type ScanRule,
  type ScanSkippedFile,
  type ScanSource,
  type SecretFinding,
  type SecretRule,
  type UserSecretRule,
} from '@safe-deploy/core';

/** The parts of the scan; all run by default. */
export type ScanPart = 'secrets' | 'patterns' | 'input-flow' | 'dependencies';

/** What to scan, and how. */
export interface SecurityScanRequest {
  /** `tree`: every file; `diff`: only lines added between base and head; `history`: secrets in every commit of base..head. */
  mode: 'tree' | 'diff' | 'history';
  base?: string;
  head?: string;
  parts: ReadonlySet<ScanPart>;
  security: Policy['security'];
}

/** The syntax-aware input-flow analysis, as the scan uses it. */
export interface InputFlowAnalyzer {
  readonly rules: readonly ScanRule[];
  supports(path: string): boolean;
  scan(path: string, text: string, options: { lineFilter?: (line: number) => boolean; disabledRules?: readonly string[] }): { findings: ScanFinding[]; problem?: string };
}

/** The scan's I/O: the source, the input-flow analysis (or why it could not start), the advisory source (several combine into one). */
export interface SecurityScanDeps {
  source: ScanSource;
  flows: InputFlowAnalyzer | { unavailable: string };
  advisories: AdvisorySource | undefined;
  log: Log;
}

interface Target {
  path: string;
  text: string;
  bytes: number;
  lineFilter?: (line: number) => boolean;
}

/**
 * Runs the scanners over the source the mode selects and collects findings, problems, skipped files and coverage.
 * Decides nothing about blocking (see `assessScan`). Secrets, patterns and input flows look at each file (in diff
 * mode only at the lines the change added); dependencies come from lockfiles (in diff mode only packages the change
 * added or changed); history mode looks for secrets in every line any commit of the range added.
 */
export async function runSecurityScan(request: SecurityScanRequest, deps: SecurityScanDeps): Promise<ScanOutcome> {
  const security = request.security;
  const userRules = compileUserRules(security.rules as UserSecretRule[], SECRET_RULES);
  const secretRules: readonly SecretRule[] = userRules.length ? [...SECRET_RULES, ...userRules] : SECRET_RULES;
  const disabled = security['disabled-rules'];
  const problems: ScanProblem[] = [];
  const findings: ScanFinding[] = [];
  const parts = request.parts;
  const coverage: ScanCoverage = { mode: request.mode, files: 0, bytes: 0, lockfiles: [], dependencies: 0, advisorySources: [], parsedFiles: 0, unparsed: [] };

  let skipped: ScanSkippedFile[] = [];
  let targets: Target[] = [];
  const dependencies: Dependency[] = [];

  if (request.mode === 'history') {
    const head = request.head ?? 'HEAD';
    const commits = await deps.source.readHistory(request.base, head);
    coverage.commits = commits.length;
    if (request.base) coverage.base = request.base;
    coverage.head = head;
    const byFingerprint = new Map<string, ScanFinding>();
    for (const commit of commits) {
      for (const [path, lines] of commit.added) {
        coverage.files++;
        const text = lines.map((l) => l.text).join('\n');
        coverage.bytes += text.length;
        for (const finding of scanSecrets(text, { path, rules: secretRules, allowlist: security.allowlist, disabledRules: disabled }).map(secretToScanFinding)) {
          const line = lines[finding.line - 1]?.line ?? finding.line;
          // Newest first: the last commit seen for a fingerprint is the one that introduced it.
          byFingerprint.set(finding.fingerprint, { ...finding, line, commit: commit.sha });
        }
      }
    }
    findings.push(...byFingerprint.values());
    if (parts.has('patterns') || parts.has('input-flow') || parts.has('dependencies')) deps.log.info('History mode looks for secrets only; patterns, input flows and dependencies are scanned in tree or diff mode.');
    return { findings: sortFindings(findings), rules: rulesFor(parts, secretRules, deps.flows, []), problems, skipped, coverage };
  }

  if (request.mode === 'diff') {
    if (!request.base || !request.head) throw new Error('diff mode needs base and head (the action checks this)');
    const changes = await deps.source.readChanges(request.base, request.head);
    coverage.base = changes.base;
    coverage.head = changes.head;
    skipped = changes.skipped;
    targets = changes.files.map((f) => ({ path: f.path, text: f.text, bytes: f.bytes, lineFilter: (line: number) => f.added.has(line) }));
    if (parts.has('dependencies')) {
      for (const file of changes.files.filter((f) => isLockfilePath(f.path))) {
        const head = readLockfile(file.path, file.text, problems);
        const before = await deps.source.readFileAt(changes.base, file.path);
        const known = new Set((before === undefined ? [] : parseLockfile(file.path, before).packages).map(packageKey));
        coverage.lockfiles.push(file.path);
        // A pull request answers for the packages it adds or changes, not for advisories published since on the rest.
        dependencies.push(...head.filter((dep) => !known.has(packageKey(dep))));
      }
    }
  } else {
    const tree = await deps.source.readTree();
    skipped = tree.skipped;
    targets = tree.files;
    if (parts.has('dependencies')) {
      for (const file of tree.files.filter((f) => isLockfilePath(f.path))) {
        coverage.lockfiles.push(file.path);
        dependencies.push(...readLockfile(file.path, file.text, problems));
      }
    }
  }

  const flows = parts.has('input-flow') ? deps.flows : undefined;
  if (flows && 'unavailable' in flows) problems.push({ part: 'input-flow', message: `the input-flow analysis could not start: ${flows.unavailable}`, incomplete: true });
  for (const target of targets) {
    coverage.files++;
    coverage.bytes += target.bytes;
    const filter = target.lineFilter ? { lineFilter: target.lineFilter } : {};
    // Secrets are looked for in the whole file (a finding off the added lines is dropped afterwards) so their
    // spans can be masked before the other scanners quote code in their messages.
    const secrets = parts.has('secrets') ? scanSecrets(target.text, { path: target.path, rules: secretRules, allowlist: security.allowlist, disabledRules: disabled }) : [];
    findings.push(...secrets.filter((f) => !target.lineFilter || target.lineFilter(f.line)).map(secretToScanFinding));
    const text = secrets.length ? maskSecrets(target.text, secrets) : target.text;
    if (parts.has('patterns')) findings.push(...scanPatterns(text, { path: target.path, disabledRules: disabled, ...filter }));
    if (flows && !('unavailable' in flows) && flows.supports(target.path)) {
      if (isOutsideFlowScope(target.text, target.bytes)) {
        coverage.unparsed.push(target.path);
        continue;
      }
      coverage.parsedFiles++;
      const result = flows.scan(target.path, text, { disabledRules: disabled, ...filter });
      findings.push(...result.findings);
      if (result.problem) problems.push({ part: 'input-flow', message: `${target.path}: ${result.problem}`, incomplete: false });
    }
  }

  const advisoryRules: ScanRule[] = [];
  if (parts.has('dependencies') && dependencies.length) {
    coverage.dependencies = dependencies.length;
    const source = deps.advisories;
    coverage.advisorySources = source ? [source.name] : [];
    const lookup = source ? await source.fetchAdvisories(dependencies) : { advisories: [], problems: [`${dependencies.length} dependencies were not checked: no advisory source is configured.`] };
    for (const message of lookup.problems) problems.push({ part: 'dependencies', message, incomplete: true });
    const advisories = lookup.advisories;
    const disabledSet = new Set(disabled);
    const seen = new Set<string>();
    for (const vulnerability of matchAdvisories(dependencies, advisories)) {
      if (disabledSet.has(vulnerability.advisoryId) || vulnerability.aliases.some((a) => disabledSet.has(a))) continue;
      const finding = vulnerabilityToScanFinding(vulnerability);
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      findings.push(finding);
      if (!advisoryRules.some((r) => r.id === vulnerability.advisoryId)) advisoryRules.push(advisoryRule(vulnerability, advisories.find((a) => a.id === vulnerability.advisoryId)?.summary));
    }
  }
  // Problems quote what they could not read (a lockfile line, a URL): a secret in that quote must not reach the report.
  const safeProblems = problems.map((p) => {
    const found = scanSecrets(p.message, { path: 'problem', rules: secretRules, allowlist: security.allowlist });
    return found.length ? { ...p, message: maskSecrets(p.message, found) } : p;
  });
  return { findings: sortFindings(findings), rules: rulesFor(parts, secretRules, deps.flows, advisoryRules), problems: safeProblems, skipped, coverage };
}

/** The text with every found secret overwritten by `*` of the same length: positions stay, values are gone. */
function maskSecrets(text: string, secrets: readonly SecretFinding[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let masked = text;
  for (const s of secrets) {
    const from = (starts[s.line - 1] ?? 0) + s.column - 1;
    const to = (starts[s.endLine - 1] ?? 0) + s.endColumn - 1;
    masked = masked.slice(0, from) + masked.slice(from, to).replace(/[^\n]/g, '*') + masked.slice(to);
  }
  return masked;
}

function readLockfile(path: string, text: string, problems: ScanProblem[]): Dependency[] {
  const parsed = parseLockfile(path, text);
  for (const message of parsed.problems) problems.push({ part: 'dependencies', message, incomplete: false });
  return parsed.packages;
}

const packageKey = (dep: Dependency): string => `${dep.ecosystem}:${dep.name}@${dep.version}`;

function rulesFor(parts: ReadonlySet<ScanPart>, secretRules: readonly SecretRule[], flows: SecurityScanDeps['flows'], advisoryRules: ScanRule[]): ScanRule[] {
  return [
    ...(parts.has('secrets') ? secretRules.map((r): ScanRule => ({ id: r.id, category: 'secret', severity: r.severity, description: r.description, help: `Rotate or revoke the secret, then read it at run time from a secret store.${r.remediation ? ` ${r.remediation}` : ''}` })) : []),
    ...(parts.has('patterns') ? PATTERN_RULES.map((r): ScanRule => ({ id: r.id, category: 'dangerous-pattern', severity: r.severity, description: r.description, help: r.message })) : []),
    ...(parts.has('input-flow') && !('unavailable' in flows) ? flows.rules : []),
    ...advisoryRules,
  ];
}

function sortFindings(findings: ScanFinding[]): ScanFinding[] {
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
}
