import type { OsvAdvisory } from '@safe-deploy/core';

/**
 * One advisory per vulnerability, however many sources reported it. Decides by: the ids and aliases (two advisories
 * sharing any of them, directly or through a third, are one), then keeps the first one's id, summary and severity
 * word, and the union of everything else, so that a version any source calls affected stays affected: the aliases
 * (every other id), the affected entries (exact repeats dropped) and the CVSS vectors. Withdrawn only when every
 * source says so.
 */
export function mergeAdvisories(advisories: readonly OsvAdvisory[]): OsvAdvisory[] {
  const parent = advisories.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const owner = new Map<string, number>();
  advisories.forEach((advisory, index) => {
    for (const key of [advisory.id, ...advisory.aliases]) {
      const earlier = owner.get(key);
      if (earlier === undefined) owner.set(key, index);
      else {
        const [a, b] = [find(earlier), find(index)];
        // The earlier advisory stays the root, so the first source's record leads the group.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, OsvAdvisory[]>();
  advisories.forEach((advisory, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), advisory]);
  });
  return [...groups.values()].map(mergeGroup);
}

function mergeGroup(group: OsvAdvisory[]): OsvAdvisory {
  const [first, ...rest] = group;
  if (!first || rest.length === 0) return first as OsvAdvisory;
  const ids = new Set(group.flatMap((advisory) => [advisory.id, ...advisory.aliases]));
  ids.delete(first.id);
  const severityWord = group.map((advisory) => advisory.database_specific?.severity).find((word) => word !== undefined);
  const { withdrawn: _withdrawn, ...base } = first;
  const withdrawn = group.every((advisory) => advisory.withdrawn) ? first.withdrawn : undefined;
  return {
    ...base,
    ...(withdrawn ? { withdrawn } : {}),
    aliases: [...ids].sort(),
    summary: first.summary ?? rest.find((advisory) => advisory.summary)?.summary,
    severity: unique(group.flatMap((advisory) => advisory.severity)),
    affected: unique(group.flatMap((advisory) => advisory.affected)),
    ...(first.database_specific || severityWord ? { database_specific: { ...first.database_specific, ...(severityWord ? { severity: severityWord } : {}) } } : {}),
  };
}

function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
