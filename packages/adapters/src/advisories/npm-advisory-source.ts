import { z } from 'zod';
import { npmAdvisoryToOsv, type AdvisoryLookup, type AdvisorySource, type Dependency, type OsvAdvisory } from '@safe-deploy/core';
import { resolveAdvisoryDeps, type AdvisorySourceDeps } from './advisory-source-deps';
import { mergeAdvisories } from './merge-advisories';
import { requestJson, type HttpPolicy } from './request-json';

/** How to reach npm's advisory endpoint; everything has a default. */
export interface NpmAdvisoryOptions {
  name?: string;
  /** `https://registry.npmjs.org` unless another registry (that implements the endpoint) is named. */
  registryUrl?: string;
  timeoutSeconds?: number;
  /** Tries after the first one for each request (network errors, 429, 5xx). */
  retries?: number;
  /** Packages per request, so that a large lockfile does not make one huge body. */
  packagesPerRequest?: number;
}

const SERVICE = 'npm advisory endpoint';

/** npm's bulk advisory answer: advisories per package name (`cwe` and `cvss` are missing from older answers). */
export const npmBulkAnswerSchema = z.record(
  z.string(),
  z.array(
    z.looseObject({
      id: z.number(),
      url: z.string(),
      title: z.string(),
      severity: z.string(),
      vulnerable_versions: z.string(),
      cwe: z.union([z.array(z.string()), z.string()]).optional(),
      cvss: z.object({ score: z.number(), vectorString: z.string().nullable() }).optional(),
    }),
  ),
);

/**
 * Advisories for npm packages from npm's bulk advisory endpoint (`POST /-/npm/v1/security/advisories/bulk`, the one
 * `npm audit` uses): every installed version of each package, a few hundred packages per request, each answer
 * converted to OSV (see `npmAdvisoryToOsv`) and npm's several entries for one GHSA advisory merged into one.
 * Dependencies of other ecosystems are left to other sources.
 */
export class NpmAdvisorySource implements AdvisorySource {
  readonly name: string;
  private readonly endpoint: string;
  private readonly packagesPerRequest: number;
  private readonly http: HttpPolicy;

  constructor(options: NpmAdvisoryOptions = {}, deps: AdvisorySourceDeps = {}) {
    const { fetch, clock } = resolveAdvisoryDeps(deps);
    this.name = options.name ?? 'npm';
    this.endpoint = `${(options.registryUrl ?? 'https://registry.npmjs.org').replace(/\/+$/, '')}/-/npm/v1/security/advisories/bulk`;
    this.packagesPerRequest = Math.max(1, options.packagesPerRequest ?? 500);
    this.http = { fetch, clock, timeoutSeconds: options.timeoutSeconds ?? 30, retries: options.retries ?? 3, delaySeconds: 1, maxDelaySeconds: 60 };
  }

  async fetchAdvisories(deps: readonly Dependency[]): Promise<AdvisoryLookup> {
    const versions = new Map<string, Set<string>>();
    for (const dep of deps) if (dep.ecosystem === 'npm') versions.set(dep.name, (versions.get(dep.name) ?? new Set()).add(dep.version));
    const names = [...versions.keys()].sort();
    const advisories: OsvAdvisory[] = [];
    const problems: string[] = [];
    for (let start = 0; start < names.length; start += this.packagesPerRequest) {
      const chunk = names.slice(start, start + this.packagesPerRequest);
      const body = Object.fromEntries(chunk.map((name) => [name, [...(versions.get(name) ?? [])].sort()]));
      const outcome = await requestJson(SERVICE, { method: 'POST', url: this.endpoint, body }, npmBulkAnswerSchema, this.http);
      if (!outcome.ok) {
        problems.push(`${outcome.problem}${unsupportedHint(outcome.status)} ${chunk.length} npm packages were not checked.`);
        continue;
      }
      for (const [name, entries] of Object.entries(outcome.value)) {
        const queried = body[name] ?? [];
        for (const entry of entries) advisories.push(npmAdvisoryToOsv(name, entry, queried));
      }
    }
    return { advisories: mergeAdvisories(advisories).sort((a, b) => a.id.localeCompare(b.id)), problems };
  }
}

/** 404 and 405 mean the registry (a mirror, a proxy) does not offer the endpoint at all: say what to do instead. */
function unsupportedHint(status: number | undefined): string {
  return status === 404 || status === 405
    ? ' This registry, or a proxy in front of it, does not serve npm advisories (the endpoint needs POST); use a registry that does, or an osv-api or osv-dir source.'
    : '';
}
