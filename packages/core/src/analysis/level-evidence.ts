import { mixtureEvidence } from './mixture-evidence';

/** Cumulative events out of a total on one side, the level they are held to, and the alternatives to weigh. */
export interface LevelEvidenceInput {
  events: number;
  total: number;
  /** The rate tested, in (0, 1). */
  level: number;
  /** The smallest multiple of `level` the "above" mixture looks for. */
  lowestRatio: number;
  /** The rate, below `level`, that the "below" side takes as its alternative. */
  alternativeBelow: number;
  dispersion: number;
}

/** Natural logs of the two e-values (likelihood ratios) one side's rate yields against a level. */
export interface LevelEvidence {
  /** Against H0 "rate ≤ level": large means the rate is above the level. */
  againstAtMost: number;
  /** Against H "rate ≥ level": large means the rate is below the level. */
  againstAtLeast: number;
}

/**
 * The evidence that one side's event rate is above, or below, a fixed level: Bernoulli likelihood ratios of the
 * cumulative counts (a mixture over rates above the level; a single alternative below it), each a test
 * supermartingale under its whole composite hypothesis, since a likelihood ratio of p₁ against p₀ has mean at
 * most 1 under every p on p₀'s side.
 */
export function levelEvidence(input: LevelEvidenceInput): LevelEvidence {
  const { events: x, total: n, level } = input;
  const logRatio = (p: number): number => {
    if (p >= 1) return NaN; // not an alternative: dropped from the mixture
    const hits = x === 0 ? 0 : x * (Math.log(p) - Math.log(level));
    const misses = n - x === 0 ? 0 : (n - x) * (Math.log1p(-p) - Math.log1p(-level));
    return hits + misses;
  };
  return {
    againstAtMost: mixtureEvidence(input.lowestRatio, (ratio) => logRatio(level * ratio), input.dispersion),
    againstAtLeast: logRatio(input.alternativeBelow) / input.dispersion,
  };
}
