import { sha256 } from '../../text/sha256';
import { anchoredMatches } from './anchored-matches';
import { assessNonSecret } from './assess-non-secret';
import { compileAllowlist, type SecretAllowlist } from './compile-allowlist';
import { compileKeywordPrefilter, type KeywordPrefilter } from './keyword-prefilter';
import { leadingLiterals } from './leading-literals';
import { SECRET_RULES, type SecretRule, type SecretSeverity } from './rules';
import { shannonEntropy } from './shannon-entropy';

/** A secret found in a file. It never holds the secret itself: only a redacted form and a fingerprint. */
export interface SecretFinding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: SecretSeverity;
  readonly path: string;
  /** 1-based line and column (UTF-16 code units) where the secret starts. */
  readonly line: number;
  readonly column: number;
  /** 1-based line and column just past the secret's last character, as SARIF counts them. */
  readonly endLine: number;
  readonly endColumn: number;
  /** The first few characters, an ellipsis and the length, e.g. `ghp_…(40)`. */
  readonly redacted: string;
  /** sha256 hex of `ruleId:path:secret`: stable across runs, for baselines and SARIF `partialFingerprints`. */
  readonly fingerprint: string;
  /** Why it matters and how to fix it. */
  readonly message: string;
}

/** What to scan with, besides the text. */
export interface ScanSecretsOptions {
  /** The file's path relative to the repository root; part of the fingerprint and matched by `allowlist.paths`. */
  readonly path: string;
  /** Defaults to `SECRET_RULES`; append `compileUserRules(...)` to add the policy's rules. */
  readonly rules?: readonly SecretRule[];
  readonly allowlist?: SecretAllowlist;
  readonly disabledRules?: readonly string[];
  /** Keeps only findings starting on lines it accepts, e.g. the lines a pull request adds. */
  readonly lineFilter?: (line: number) => boolean;
}

interface EngineRule {
  readonly rule: SecretRule;
  readonly regex: RegExp;
  readonly always: boolean;
  /** Literals every match starts with (see `leadingLiterals`), and the regex made sticky to try it only there. */
  readonly anchors?: readonly string[];
  readonly sticky?: RegExp;
}

interface Engine {
  readonly prefilter: KeywordPrefilter;
  readonly rules: readonly EngineRule[];
}

const engines = new WeakMap<readonly SecretRule[], Engine>();

function engineFor(rules: readonly SecretRule[]): Engine {
  let engine = engines.get(rules);
  if (!engine) {
    const compiled = rules.map((rule): EngineRule => {
      // `d` gives the capture group's offsets, so a secret repeated inside its own match is located exactly.
      const flags = [...new Set(`${rule.regex.flags}gd`)].join('');
      // A sticky rule already matches only where its last match ended: it keeps its own semantics, unanchored.
      const anchors = rule.regex.sticky ? undefined : leadingLiterals(rule.regex);
      return {
        rule,
        regex: new RegExp(rule.regex.source, flags),
        always: rule.keywords.length === 0,
        ...(anchors ? { anchors, sticky: new RegExp(rule.regex.source, `${flags}y`) } : {}),
      };
    });
    // The prefilter also finds the anchors, in the same pass, so no regex scans a whole text just to reach them.
    engine = { prefilter: compileKeywordPrefilter([...rules.flatMap((rule) => rule.keywords), ...compiled.flatMap((entry) => entry.anchors ?? [])]), rules: compiled };
    engines.set(rules, engine);
  }
  return engine;
}

const ALLOW_MARK = 'safe-deploy:allow';
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether the line's `safe-deploy:allow [rule-id[, rule-id…]]` comment covers `ruleId`; a bare mark covers every rule. */
function allowedByComment(line: string, ruleId: string): boolean {
  const at = line.indexOf(ALLOW_MARK);
  if (at < 0) return false;
  const ids: string[] = [];
  for (const token of line.slice(at + ALLOW_MARK.length).split(/[\s,]+/).filter(Boolean)) {
    if (!RULE_ID.test(token)) break;
    ids.push(token);
  }
  return ids.length === 0 || ids.includes(ruleId);
}

function redact(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 10 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length})`;
}

function messageFor(rule: SecretRule, path: string): string {
  const extra = rule.remediation ? ` ${rule.remediation}` : '';
  return (
    `${rule.description} committed in ${path}: anyone who can read the repository or its history can use it. ` +
    `Treat it as leaked: rotate or revoke it now,${extra} then read it at run time from a secret store (e.g. GitHub Actions secrets) instead of the source. ` +
    'Deleting the line does not remove it from git history.'
  );
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based index of the line containing `offset`. */
function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Candidate {
  readonly rule: SecretRule;
  readonly secret: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds secrets in one file's text. Decides by: path allowlist, disabled rules, rule keywords (one pass), rule regexes,
 * checksums, entropy floors, non-secret classes (placeholders, references, example keys, hashes, UUIDs, integrity, data URIs),
 * allowlisted regexes and stopwords, `safe-deploy:allow` comments, the line filter, and provider rules winning over generic ones.
 */
export function scanSecrets(text: string, options: ScanSecretsOptions): SecretFinding[] {
  const allowlist = compileAllowlist(options.allowlist);
  if (allowlist.allowsPath(options.path)) return [];
  const disabled = new Set(options.disabledRules ?? []);
  const engine = engineFor(options.rules ?? SECRET_RULES);
  const keywordStarts = new Map<string, number[]>();
  const present = engine.prefilter.findPresent(text, keywordStarts);
  const active = engine.rules.filter(({ rule, always }) => !disabled.has(rule.id) && (always || rule.keywords.some((k) => present.has(k))));
  if (active.length === 0) return [];

  let starts: number[] | undefined;
  const kept: Candidate[] = [];
  // Spans any provider rule matched, kept or not: a token rejected for its checksum must not come back as a generic secret.
  const claimed: { start: number; end: number }[] = [];
  for (const { rule, regex, anchors, sticky } of active) {
    for (const match of anchors && sticky ? anchoredMatches(text, sticky, anchors, keywordStarts) : text.matchAll(regex)) {
      const group = match.findIndex((value, i) => i > 0 && value !== undefined);
      const span: readonly [number, number] | undefined = group > 0 ? match.indices?.[group] : [match.index, match.index + match[0].length];
      if (!span || span[1] <= span[0]) continue;
      const [start, end] = span;
      const secret = text.slice(start, end);
      if (!rule.generic) claimed.push({ start, end });
      if (rule.validate && !rule.validate(secret)) continue;
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      starts ??= lineStartsOf(text);
      const lineStart = starts[lineIndexOf(starts, start)]!;
      if (assessNonSecret(secret, rule, text.slice(lineStart, start)) !== undefined) continue;
      if (allowlist.allowsSecret(secret)) continue;
      kept.push({ rule, secret, start, end });
    }
  }

  const findings: SecretFinding[] = [];
  for (const candidate of kept) {
    const { rule, secret, start, end } = candidate;
    if (rule.generic && claimed.some((c) => c.start < end && start < c.end)) continue;
    const lines = starts!;
    const startLine = lineIndexOf(lines, start);
    const endLine = lineIndexOf(lines, end - 1);
    const lineText = text.slice(lines[startLine], (lines[startLine + 1] ?? text.length + 1) - 1);
    if (allowedByComment(lineText, rule.id)) continue;
    if (options.lineFilter && !options.lineFilter(startLine + 1)) continue;
    findings.push({
      ruleId: rule.id,
      description: rule.description,
      severity: rule.severity,
      path: options.path,
      line: startLine + 1,
      column: start - lines[startLine]! + 1,
      endLine: endLine + 1,
      endColumn: end - lines[endLine]! + 1,
      redacted: redact(secret),
      fingerprint: sha256(`${rule.id}:${options.path}:${secret}`),
      message: messageFor(rule, options.path),
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
