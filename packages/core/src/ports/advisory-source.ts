import type { Dependency } from '../security/dependencies/dependency';
import type { OsvAdvisory } from '../security/dependencies/osv-advisory';

/** What a source found for a set of dependencies: the advisories, and one sentence for everything it could not read. */
export interface AdvisoryLookup {
  advisories: OsvAdvisory[];
  /** Reported to the user: a source that could not be read must never look like "no vulnerabilities". */
  problems: string[];
}

/**
 * Where vulnerability advisories come from (OSV's API, an offline OSV database, npm's advisory endpoint). It never
 * throws for a service or file it cannot read: that comes back in `problems`, next to whatever it could read.
 */
export interface AdvisorySource {
  readonly name: string;
  fetchAdvisories(deps: readonly Dependency[]): Promise<AdvisoryLookup>;
}
