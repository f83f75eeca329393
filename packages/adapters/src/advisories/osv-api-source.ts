import { z } from 'zod';
import { osvAdvisorySchema, type AdvisoryLookup, type AdvisorySource, type Dependency, type OsvAdvisory } from '@safe-deploy/core';
import { resolveAdvisoryDeps, type AdvisorySourceDeps } from './advisory-source-deps';
import { requestJson, type HttpPolicy } from './request-json';

/** How to reach OSV's API; everything has a default. */
export interface OsvApiOptions {
  name?: string;
  /** `https://api.osv.dev` unless a mirror is named. */
  baseUrl?: string;
  timeoutSeconds?: number;
  /** Tries after the first one for each request (network errors, 429, 5xx). */
  retries?: number;
  /** Queries per `querybatch` request; OSV accepts up to 1000. */
  batchSize?: number;
  /** `GET /v1/vulns/{id}` requests in flight at once. */
  concurrency?: number;
  /** Pages followed per query before giving up (a guard against a service that never stops paging). */
  maxPages?: number;
}

const SERVICE = 'OSV API';

// querybatch answers only ids (and when they changed); the advisories themselves come from /v1/vulns/{id}.
const querybatchAnswerSchema = z.object({
  results: z.array(z.object({ vulns: z.array(z.object({ id: z.string().min(1), modified: z.string().optional() })).optional(), next_page_token: z.string().optional() })),
});

interface Query {
  package: { name: string; ecosystem: string };
  version: string;
  page_token?: string;
}

/**
 * Advisories from OSV's API (https://google.github.io/osv.dev/api/): `POST /v1/querybatch` for every distinct package
 * version (in batches, following each query's `next_page_token`), then `GET /v1/vulns/{id}` for each advisory named.
 * A batch or an advisory that cannot be read is a problem; the ones that could be read are still returned.
 */
export class OsvApiSource implements AdvisorySource {
  readonly name: string;
  private readonly baseUrl: string;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxPages: number;
  private readonly http: HttpPolicy;

  constructor(options: OsvApiOptions = {}, deps: AdvisorySourceDeps = {}) {
    const { fetch, clock } = resolveAdvisoryDeps(deps);
    this.name = options.name ?? 'osv-api';
    this.baseUrl = (options.baseUrl ?? 'https://api.osv.dev').replace(/\/+$/, '');
    this.batchSize = Math.min(1000, Math.max(1, options.batchSize ?? 1000));
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.maxPages = options.maxPages ?? 50;
    this.http = { fetch, clock, timeoutSeconds: options.timeoutSeconds ?? 30, retries: options.retries ?? 3, delaySeconds: 1, maxDelaySeconds: 60 };
  }

  async fetchAdvisories(deps: readonly Dependency[]): Promise<AdvisoryLookup> {
    const problems: string[] = [];
    const queries = distinctQueries(deps);
    const ids = new Set<string>();
    for (let start = 0; start < queries.length; start += this.batchSize) {
      const failure = await this.queryBatch(queries.slice(start, start + this.batchSize), ids);
      if (failure) problems.push(failure);
    }
    const advisories: OsvAdvisory[] = [];
    const unread: string[] = [];
    await forEachLimited([...ids].sort(), this.concurrency, async (id) => {
      const outcome = await requestJson(SERVICE, { method: 'GET', url: `${this.baseUrl}/v1/vulns/${encodeURIComponent(id)}` }, osvAdvisorySchema, this.http);
      if (outcome.ok) advisories.push(outcome.value);
      else unread.push(outcome.problem);
    });
    if (unread.length > 0) {
      problems.push(`${SERVICE}: ${unread.length} of ${ids.size} advisories named by querybatch could not be read, so findings may be missing; first: ${unread[0]}`);
    }
    advisories.sort((a, b) => a.id.localeCompare(b.id));
    return { advisories, problems };
  }

  /** One batch, with its follow-up pages; returns a problem when some of it could not be read. */
  private async queryBatch(batch: Query[], ids: Set<string>): Promise<string | undefined> {
    let pending = batch;
    for (let page = 1; pending.length > 0; page++) {
      if (page > this.maxPages) return `${SERVICE}: ${pending.length} package versions still had more advisories after ${this.maxPages} pages; the rest were not read.`;
      const outcome = await requestJson(SERVICE, { method: 'POST', url: `${this.baseUrl}/v1/querybatch`, body: { queries: pending } }, querybatchAnswerSchema, this.http);
      if (!outcome.ok) return `${outcome.problem} ${pending.length} package versions were not checked.`;
      const { results } = outcome.value;
      if (results.length !== pending.length) {
        return `${SERVICE}: querybatch answered ${results.length} results for ${pending.length} queries, so they cannot be paired; ${pending.length} package versions were not checked.`;
      }
      const next: Query[] = [];
      results.forEach((result, index) => {
        for (const vuln of result.vulns ?? []) ids.add(vuln.id);
        const query = pending[index];
        if (result.next_page_token && query) next.push({ ...query, page_token: result.next_page_token });
      });
      pending = next;
    }
    return undefined;
  }
}

function distinctQueries(deps: readonly Dependency[]): Query[] {
  const seen = new Map<string, Query>();
  for (const dep of deps) {
    const key = `${dep.ecosystem}\u0000${dep.name}\u0000${dep.version}`;
    if (!seen.has(key)) seen.set(key, { package: { name: dep.name, ecosystem: dep.ecosystem }, version: dep.version });
  }
  return [...seen.values()];
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
