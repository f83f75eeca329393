/** Finds which of a fixed set of lower-case keywords occur in a text, in one pass. */
export interface KeywordPrefilter {
  readonly keywords: readonly string[];
  /**
   * The keywords present in `text`, matched ASCII-case-insensitively. With `starts`, also every place each keyword
   * starts, appended under the keyword in the order the occurrences end.
   */
  findPresent(text: string, starts?: Map<string, number[]>): Set<string>;
}

/** Code units below this index the transition table directly; the others go through `wideColumn`. */
const ASCII = 128;

/**
 * Builds an Aho–Corasick automaton over `keywords` so a scan reads the text once whatever the number of rules,
 * folding ASCII upper case on the fly instead of allocating a lower-cased copy of the text.
 *
 * The automaton is compiled to a dense table, since this loop is most of a secret scan's time on a large tree: one
 * table read per character and never a failure link to follow. Columns are the ASCII code units themselves (upper case
 * sharing its lower case's transitions), then one per other code unit a keyword holds, then one for all the rest; the
 * states that complete a keyword are numbered last, so "a keyword ends here" is one comparison.
 */
export function compileKeywordPrefilter(keywords: Iterable<string>): KeywordPrefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()).filter((k) => k.length > 0))];

  const codeUnits = (keyword: string): number[] => Array.from({ length: keyword.length }, (_, i) => keyword.charCodeAt(i));
  const wide = [...new Set(unique.flatMap(codeUnits).filter((code) => code >= ASCII))];
  const other = ASCII + wide.length;
  const width = other + 1;
  const wideColumn = new Uint16Array(0x10000).fill(other);
  for (const [i, code] of wide.entries()) wideColumn[code] = ASCII + i;
  const columnOf = (code: number): number => (code < ASCII ? code : wideColumn[code]!);

  // The trie, then failure links in breadth-first order; each state's outputs absorb those of its failure state.
  const children: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  for (const [index, keyword] of unique.entries()) {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const column = columnOf(keyword.charCodeAt(i));
      let target = children[state]!.get(column);
      if (target === undefined) {
        target = children.length;
        children.push(new Map());
        outputs.push([]);
        children[state]!.set(column, target);
      }
      state = target;
    }
    outputs[state]!.push(index);
  }
  const goto: Int32Array[] = children.map(() => new Int32Array(width));
  const fail = new Int32Array(children.length);
  const queue: number[] = [];
  for (const [column, target] of children[0]!) {
    goto[0]![column] = target;
    queue.push(target);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const failRow = goto[fail[state]!]!;
    for (let column = 0; column < width; column++) {
      const target = children[state]!.get(column);
      if (target === undefined) {
        goto[state]![column] = failRow[column]!;
      } else {
        goto[state]![column] = target;
        fail[target] = failRow[column]!;
        outputs[target]!.push(...outputs[fail[target]!]!);
        queue.push(target);
      }
    }
  }
  // Keywords are lower case: upper-case ASCII moves as its lower case does.
  for (const row of goto) for (let upper = 65; upper <= 90; upper++) row[upper] = row[upper + 32]!;

  // Renumber: non-accepting states first (the root stays 0), then accepting ones; store rows pre-multiplied by the width.
  const order = [...children.keys()].sort((a, b) => Number(outputs[a]!.length > 0) - Number(outputs[b]!.length > 0) || a - b);
  const renumbered = new Int32Array(children.length);
  for (const [position, state] of order.entries()) renumbered[state] = position;
  const delta = new Int32Array(children.length * width);
  const outputsAt: number[][] = [];
  for (const [position, state] of order.entries()) {
    for (let column = 0; column < width; column++) delta[position * width + column] = renumbered[goto[state]![column]!]! * width;
    outputsAt.push(outputs[state]!);
  }
  const firstAccepting = order.findIndex((state) => outputs[state]!.length > 0);
  const acceptingRow = firstAccepting < 0 ? delta.length : firstAccepting * width;

  return {
    keywords: unique,
    findPresent(text: string, starts?: Map<string, number[]>): Set<string> {
      const found = new Set<string>();
      if (unique.length === 0) return found;
      const row = new Int32Array(1);
      for (let i = nextKeywordEnd(text, 0, row, delta, wideColumn, acceptingRow); i < text.length; i = nextKeywordEnd(text, i + 1, row, delta, wideColumn, acceptingRow)) {
        for (const index of outputsAt[row[0]! / width]!) {
          const keyword = unique[index]!;
          found.add(keyword);
          if (!starts) continue;
          const list = starts.get(keyword);
          if (list) list.push(i + 1 - keyword.length);
          else starts.set(keyword, [i + 1 - keyword.length]);
        }
        if (!starts && found.size === unique.length) return found;
      }
      return found;
    },
  };
}

/**
 * Runs the automaton from the row in `row[0]` over `text` from `from` up to the first position where a keyword ends,
 * leaving the row there in `row[0]`; returns that position, or the text's length. The hot loop: a plain function over
 * typed arrays, so the optimiser keeps the tables in registers instead of reloading them from a closure.
 */
function nextKeywordEnd(text: string, from: number, row: Int32Array, delta: Int32Array, wideColumn: Uint16Array, acceptingRow: number): number {
  const length = text.length;
  let at = row[0]!;
  for (let i = from; i < length; i++) {
    const code = text.charCodeAt(i);
    at = delta[at + (code < ASCII ? code : wideColumn[code]!)]!;
    if (at >= acceptingRow) {
      row[0] = at;
      return i;
    }
  }
  row[0] = at;
  return length;
}
