// Scores a scanner's findings on a labelled set: precision and recall, per rule, and every miss and false alarm by place.
import type { LabelledCase } from './labelled-case';

/** A finding reduced to what scoring needs: never the secret itself. */
export interface ScoredFinding {
  readonly ruleId: string;
  readonly line: number;
}

/** A false positive or false negative, by place and rule. */
export interface Miss {
  readonly caseId: string;
  readonly path: string;
  readonly line: number | null;
  /** The rule that fired (false positive) or was expected (false negative). */
  readonly ruleId: string;
  readonly kind: string;
  /** For a false negative: what fired instead in the file, if anything. */
  readonly instead?: string;
}

/** Counts for one rule (or the whole set). */
export interface RuleScore {
  readonly rule: string;
  positives: number;
  truePositives: number;
  falsePositives: number;
}

/** The result of scoring one scanner on one set. */
export interface LabelledScore {
  readonly total: RuleScore;
  readonly byRule: readonly RuleScore[];
  readonly negatives: number;
  /** Negative files with at least one finding. */
  readonly negativesFlagged: number;
  readonly falsePositives: readonly Miss[];
  readonly falseNegatives: readonly Miss[];
}

/** Precision, or undefined when nothing was reported. */
export const precisionOf = (s: RuleScore): number | undefined => (s.truePositives + s.falsePositives === 0 ? undefined : s.truePositives / (s.truePositives + s.falsePositives));
/** Recall, or undefined when there is nothing to find. */
export const recallOf = (s: RuleScore): number | undefined => (s.positives === 0 ? undefined : s.truePositives / s.positives);

/**
 * Scores `findings[i]` against `cases[i]`. Decides by: a positive is found when a finding of its rule (any rule when
 * `anyRule`, for a scanner with another catalogue) starts on its line; every other finding is a false positive,
 * attributed to the rule that fired (to the expected rule when `anyRule`, so another tool's rules group by family).
 */
export function scoreLabelled(cases: readonly LabelledCase[], findings: readonly (readonly ScoredFinding[])[], options: { anyRule?: boolean } = {}): LabelledScore {
  const byRule = new Map<string, RuleScore>();
  const ruleScore = (rule: string): RuleScore => {
    let score = byRule.get(rule);
    if (!score) byRule.set(rule, (score = { rule, positives: 0, truePositives: 0, falsePositives: 0 }));
    return score;
  };
  const total: RuleScore = { rule: 'all', positives: 0, truePositives: 0, falsePositives: 0 };
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  let negatives = 0;
  let negativesFlagged = 0;
  cases.forEach((c, i) => {
    const found = findings[i] ?? [];
    const hits = (f: ScoredFinding): boolean => c.expect !== null && f.line === c.line && (options.anyRule || f.ruleId === c.expect);
    if (c.expect === null) {
      negatives++;
      if (found.length > 0) negativesFlagged++;
    } else {
      total.positives++;
      ruleScore(c.expect).positives++;
      if (found.some(hits)) {
        total.truePositives++;
        ruleScore(c.expect).truePositives++;
      } else {
        const instead = [...new Set(found.map((f) => `${f.ruleId}@${f.line}`))].join(', ');
        falseNegatives.push({ caseId: c.id, path: c.path, line: c.line, ruleId: c.expect, kind: c.kind, ...(instead ? { instead } : {}) });
      }
    }
    let counted = false;
    for (const f of found) {
      if (hits(f) && !counted) {
        counted = true;
        continue;
      }
      if (hits(f)) continue; // the same finding twice on the expected line is one finding
      total.falsePositives++;
      ruleScore(options.anyRule && c.expect !== null ? c.expect : f.ruleId).falsePositives++;
      falsePositives.push({ caseId: c.id, path: c.path, line: f.line, ruleId: f.ruleId, kind: c.kind });
    }
  });
  return { total, byRule: [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule)), negatives, negativesFlagged, falsePositives, falseNegatives };
}
