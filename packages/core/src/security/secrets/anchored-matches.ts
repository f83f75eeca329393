/**
 * The matches `text.matchAll(regex)` would give, found by trying `sticky` (the regex with `y`) only where one of its
 * `anchors` — `leadingLiterals(regex)` — starts (`starts`, as the keyword prefilter records them). The same matches:
 * every match starts at an anchor, a sticky match at a place is the one a global search finds there, and a place
 * inside the previous match is skipped as the global search skips it.
 */
export function* anchoredMatches(text: string, sticky: RegExp, anchors: readonly string[], starts: ReadonlyMap<string, readonly number[]>): Generator<RegExpExecArray> {
  const candidates = anchors.flatMap((anchor) => starts.get(anchor) ?? []).sort((a, b) => a - b);
  let from = 0;
  for (const start of candidates) {
    if (start < from) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (!match) continue;
    from = start + Math.max(match[0].length, 1);
    yield match;
  }
}
