import type { AdvisoryLookup, AdvisorySource, Dependency } from '@safe-deploy/core';
import { mergeAdvisories } from './merge-advisories';

/**
 * Several advisory sources asked together: their advisories merged (one per vulnerability, by id and aliases, so
 * npm's and OSV's copy of a GHSA advisory make one finding) and every source's problems kept. A source that throws
 * becomes a problem too, so one broken source never hides what the others found.
 */
export class CombinedAdvisorySource implements AdvisorySource {
  readonly name: string;

  constructor(private readonly sources: readonly AdvisorySource[]) {
    this.name = sources.map((source) => source.name).join(' + ') || 'no advisory source';
  }

  async fetchAdvisories(deps: readonly Dependency[]): Promise<AdvisoryLookup> {
    if (this.sources.length === 0) return { advisories: [], problems: ['No advisory source is configured, so no dependency was checked for known vulnerabilities.'] };
    const lookups = await Promise.all(
      this.sources.map(async (source): Promise<AdvisoryLookup> => {
        try {
          return await source.fetchAdvisories(deps);
        } catch (error) {
          return { advisories: [], problems: [`${source.name}: failed unexpectedly (${error instanceof Error ? error.message : String(error)}); its advisories are missing from this scan.`] };
        }
      }),
    );
    return { advisories: mergeAdvisories(lookups.flatMap((lookup) => lookup.advisories)), problems: lookups.flatMap((lookup) => lookup.problems) };
  }
}
