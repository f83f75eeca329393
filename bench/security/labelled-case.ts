// One labelled file of the security bench's ground truth, and the `>>` marker that writes its expected line in place.

/** The scanner a case is labelled for. */
export type LabelledCategory = 'secrets' | 'patterns' | 'flows';

/** A file with exactly one expectation: a finding of `expect` on `line`, or (expect null) no finding at all. */
export interface LabelledCase {
  /** Stable and unique within its set: names the case in the false-positive and false-negative lists. */
  readonly id: string;
  readonly category: LabelledCategory;
  /** Relative path: language detection, migrations and workflows depend on it. */
  readonly path: string;
  readonly text: string;
  /** The rule that should fire, or null for a negative. */
  readonly expect: string | null;
  /** 1-based line of the expected finding; null for a negative. */
  readonly line: number | null;
  /** What the case tests, for negatives the class of look-alike (e.g. `placeholder`, `hash`). */
  readonly kind: string;
}

/**
 * Builds a case from a source whose expected line starts with `>>` (removed). A leading newline is dropped so cases
 * can start on the line after the backtick. A positive must mark exactly one line; a negative must mark none.
 */
export function labelled(category: LabelledCategory, id: string, expect: string | null, kind: string, path: string, source: string): LabelledCase {
  const lines = source.replace(/^\n/, '').split('\n');
  const marked = lines.flatMap((text, i) => (text.startsWith('>>') ? [i] : []));
  if (expect === null ? marked.length !== 0 : marked.length !== 1) {
    throw new Error(`labelled case ${id}: ${expect === null ? 'a negative marks no line' : 'a positive marks exactly one line with >>'} (marked ${marked.length})`);
  }
  const text = lines.map((line) => (line.startsWith('>>') ? line.slice(2) : line)).join('\n');
  return { id, category, path, text, expect, line: marked[0] === undefined ? null : marked[0] + 1, kind };
}
