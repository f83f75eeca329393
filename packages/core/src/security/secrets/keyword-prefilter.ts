/** Finds which of a fixed set of lower-case keywords occur in a text, in one pass. */
export interface KeywordPrefilter {
  readonly keywords: readonly string[];
  /** The keywords present in `text`, matched ASCII-case-insensitively. */
  findPresent(text: string): Set<string>;
}

/**
 * Builds an Aho–Corasick automaton over `keywords` so a scan reads the text once whatever the number of rules,
 * folding ASCII upper case on the fly instead of allocating a lower-cased copy of the text.
 */
export function compileKeywordPrefilter(keywords: Iterable<string>): KeywordPrefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()).filter((k) => k.length > 0))];
  const next: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  for (const [index, keyword] of unique.entries()) {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i);
      let target = next[state]!.get(code);
      if (target === undefined) {
        target = next.length;
        next.push(new Map());
        outputs.push([]);
        next[state]!.set(code, target);
      }
      state = target;
    }
    outputs[state]!.push(index);
  }

  // Failure links in breadth-first order; each state's outputs absorb those of its failure state.
  const fail = new Int32Array(next.length);
  const queue: number[] = [...next[0]!.values()];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [code, target] of next[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next[f]!.has(code)) f = fail[f]!;
      const candidate = next[f]!.get(code);
      fail[target] = candidate !== undefined && candidate !== target ? candidate : 0;
      outputs[target]!.push(...outputs[fail[target]!]!);
      queue.push(target);
    }
  }

  return {
    keywords: unique,
    findPresent(text: string): Set<string> {
      const found = new Set<string>();
      if (unique.length === 0) return found;
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        let code = text.charCodeAt(i);
        if (code >= 65 && code <= 90) code += 32;
        let target = next[state]!.get(code);
        while (target === undefined && state !== 0) {
          state = fail[state]!;
          target = next[state]!.get(code);
        }
        state = target ?? 0;
        const out = outputs[state]!;
        if (out.length > 0) {
          for (const index of out) found.add(unique[index]!);
          if (found.size === unique.length) return found;
        }
      }
      return found;
    },
  };
}
