import { escapeMarkdown } from '../../rollback/render-parts';
import { SCAN_SEVERITIES, type ScanCategory, type ScanFinding } from '../sarif/scan-finding';
import type { ScanVerdict } from './assess-scan';
import type { ScanOutcome } from './scan-outcome';

const CATEGORY_TITLE: Record<ScanCategory, string> = { secret: 'Secrets', 'dangerous-pattern': 'Dangerous patterns', 'input-flow': 'Unvalidated input', 'vulnerable-dependency': 'Vulnerable dependencies' };
const ICON = { pass: '✅', warn: '⚠️', block: '⛔' } as const;
const LISTED = 50;

/**
 * The job summary: the verdict and its reasons, a table by category and severity (new, and accepted by the
 * baseline), the new findings (secrets only ever redacted), what was skipped and what went wrong, and what the
 * scan covered — so a reviewer sees why it blocked without opening the logs.
 */
export function renderScanSummary(verdict: ScanVerdict, outcome: ScanOutcome, files: { sarif?: string; report?: string } = {}): string {
  const { coverage } = outcome;
  const lines = [`## ${ICON[verdict.verdict]} Security scan: ${verdict.verdict}`, ''];
  for (const reason of verdict.reasons) lines.push(`- ${escapeMarkdown(reason.message)}`);
  lines.push('', '| Category | critical | high | medium | low | new | baselined |', '|---|---|---|---|---|---|---|');
  for (const category of Object.keys(CATEGORY_TITLE) as ScanCategory[]) {
    const counts = verdict.counts[category];
    const fresh = verdict.newFindings.filter((f) => f.category === category).length;
    const old = verdict.baselined.filter((f) => f.category === category).length;
    lines.push(`| ${CATEGORY_TITLE[category]} | ${SCAN_SEVERITIES.map((s) => counts[s]).join(' | ')} | ${fresh} | ${old} |`);
  }
  lines.push('');
  if (verdict.newFindings.length) {
    lines.push(`### New findings${verdict.newFindings.length > LISTED ? ` (first ${LISTED} of ${verdict.newFindings.length})` : ''}`, '', '| | Severity | Rule | Where | What |', '|---|---|---|---|---|');
    const sorted = [...verdict.newFindings].sort((a, b) => SCAN_SEVERITIES.indexOf(a.severity) - SCAN_SEVERITIES.indexOf(b.severity) || a.path.localeCompare(b.path) || a.line - b.line);
    for (const f of sorted.slice(0, LISTED)) lines.push(`| ${verdict.blocking.includes(f) ? '⛔' : '⚠️'} | ${f.severity} | \`${f.ruleId}\` | ${location(f)} | ${escapeMarkdown(what(f))} |`);
    lines.push('');
  }
  if (outcome.problems.length) {
    lines.push('### Problems', '');
    for (const p of outcome.problems) lines.push(`- **${p.part}${p.incomplete ? ' (incomplete)' : ''}**: ${escapeMarkdown(p.message)}`);
    lines.push('');
  }
  if (outcome.skipped.length) {
    const byReason = new Map<string, number>();
    for (const s of outcome.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    lines.push(`### Not scanned (${outcome.skipped.length} file${outcome.skipped.length === 1 ? '' : 's'}: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')})`, '');
    for (const s of outcome.skipped.slice(0, 10)) lines.push(`- \`${escapeMarkdown(s.path)}\` — ${s.reason}: ${escapeMarkdown(s.detail)}`);
    if (outcome.skipped.length > 10) lines.push(`- … and ${outcome.skipped.length - 10} more (see the JSON report)`);
    lines.push('');
  }
  const scope =
    coverage.mode === 'diff'
      ? `lines added between \`${coverage.base?.slice(0, 12)}\` and \`${coverage.head?.slice(0, 12)}\` in ${coverage.files} changed file${coverage.files === 1 ? '' : 's'}`
      : coverage.mode === 'history'
        ? `${coverage.commits ?? 0} commit${coverage.commits === 1 ? '' : 's'} of history${coverage.base ? ` after \`${coverage.base.slice(0, 12)}\`` : ''} (${coverage.files} file changes)`
        : `${coverage.files} files (${(coverage.bytes / 1024 / 1024).toFixed(1)} MiB) of the working tree`;
  const deps = coverage.lockfiles.length ? `; ${coverage.dependencies} dependencies from ${coverage.lockfiles.length} lockfile${coverage.lockfiles.length === 1 ? '' : 's'} checked against ${coverage.advisorySources.join(', ') || 'no advisory source'}` : '';
  const unparsed = coverage.unparsed.length ? ` (${coverage.unparsed.length} minified or over 512 KiB not parsed, e.g. \`${escapeMarkdown(coverage.unparsed[0] ?? '')}\`)` : '';
  lines.push(`Scanned ${scope}${coverage.parsedFiles || unparsed ? `; ${coverage.parsedFiles} parsed for input flows${unparsed}` : ''}${deps}.`);
  const pointers = [files.sarif && `SARIF: \`${files.sarif}\``, files.report && `report: \`${files.report}\``].filter(Boolean);
  if (pointers.length) lines.push('', pointers.join(' · '));
  return `${lines.join('\n')}\n`;
}

function location(f: ScanFinding): string {
  return `\`${escapeMarkdown(f.path)}:${f.line}${f.column ? `:${f.column}` : ''}\`${f.commit ? ` (${f.commit.slice(0, 7)})` : ''}`;
}

function what(f: ScanFinding): string {
  if (f.redacted) return `\`${f.redacted}\` — rotate it; fingerprint ${f.fingerprint.slice(0, 12)}`;
  const sentence = f.message.split(/(?<=\.)\s/)[0] ?? f.message;
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}
