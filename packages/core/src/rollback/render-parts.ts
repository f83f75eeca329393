import type { CommitSummary } from '../ports/source-repository';
import { shortSha } from '../text/truncate';
import type { TimelineEntry } from './rollback-outcome';

const MAX_COMMITS_SHOWN = 30;

/** A markdown section listing commits, capped so huge ranges stay readable. */
export function renderCommits(commits: CommitSummary[], total: number, heading: string): string[] {
  if (total === 0) return [`### ${heading}`, 'None: the target is the same commit or newer.', ''];
  const shown = commits.slice(0, MAX_COMMITS_SHOWN).map((c) => `- \`${shortSha(c.sha)}\` ${escapeMarkdown(c.title)}${c.author ? ` (${escapeMarkdown(c.author)})` : ''}`);
  const more = total > shown.length ? [`- … and ${total - shown.length} more`] : [];
  return [`### ${heading} (${total})`, ...shown, ...more, ''];
}

/** A markdown timeline table. */
export function renderTimeline(timeline: TimelineEntry[]): string[] {
  if (timeline.length === 0) return [];
  return ['### Timeline (UTC)', '| Time | Event |', '|---|---|', ...timeline.map((t) => `| ${t.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} | ${escapeMarkdown(t.event)} |`), ''];
}

/** Escapes characters that would break a table cell or inject markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}
