import type { Policy } from '../../policy/policy-schema';
import type { Baseline } from '../baseline';
import type { HealthCheck } from '../health-history';
import type { Track } from '../measurement';

/** What every health rule looks at. */
export interface RuleContext {
  /** Checks so far, oldest first; the last one is being judged. */
  history: HealthCheck[];
  now: string;
  /** The track being judged: `canary` during a rollout, `current` after it. */
  track: Track;
  /** `canary` compares against the stable track read live; `release` against the stored baseline. */
  mode: 'canary' | 'release';
  baseline?: Baseline;
  policy: Policy['health'];
}
