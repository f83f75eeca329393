import { z } from 'zod';
import { closestMatch, ConfigurationError, type AdvisorySource } from '@safe-deploy/core';
import { parseProviderOptions } from '../metrics/parse-provider-options';
import type { AdvisorySourceDeps } from './advisory-source-deps';
import { CombinedAdvisorySource } from './combined-advisory-source';
import { NpmAdvisorySource } from './npm-advisory-source';
import { OsvApiSource } from './osv-api-source';
import { OsvDirectorySource } from './osv-directory-source';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' });
const common = { name: z.string().min(1).optional(), 'timeout-seconds': z.number().positive().max(600).default(30), retries: z.number().int().min(0).max(10).default(3) };

/** Options of `kind: osv-api`. */
export const osvApiSpecSchema = z.strictObject({ kind: z.literal('osv-api'), url: httpUrl.default('https://api.osv.dev'), ...common });
/** Options of `kind: osv-dir`. */
export const osvDirSpecSchema = z.strictObject({ kind: z.literal('osv-dir'), name: z.string().min(1).optional(), path: z.string().min(1) });
/** Options of `kind: npm`. */
export const npmSpecSchema = z.strictObject({ kind: z.literal('npm'), 'registry-url': httpUrl.default('https://registry.npmjs.org'), ...common });

const FIXES: Readonly<Record<string, string>> = {
  url: 'Use the base URL of OSV or a mirror, e.g. `url: https://api.osv.dev`.',
  'registry-url': 'Use the registry base URL, e.g. `registry-url: https://registry.npmjs.org`.',
  path: 'Give a directory of OSV JSON files or a zip of them, e.g. `path: osv/npm/all.zip`.',
  'timeout-seconds': 'Use a number of seconds up to 600, e.g. `timeout-seconds: 30`.',
  retries: 'Use a whole number from 0 to 10, e.g. `retries: 3`.',
};

/** Builds one source from its spec; `where` is the spec's path, for configuration errors. */
export type AdvisorySourceFactory = (spec: unknown, where: string, deps: AdvisorySourceDeps) => AdvisorySource;

/** The registry: one line per kind. */
const SOURCES: Readonly<Record<string, AdvisorySourceFactory>> = {
  'osv-api': (spec, where, deps) => {
    const options = parseProviderOptions(osvApiSpecSchema, spec, where, FIXES);
    return new OsvApiSource({ ...named(options.name), baseUrl: options.url, timeoutSeconds: options['timeout-seconds'], retries: options.retries }, deps);
  },
  'osv-dir': (spec, where) => {
    const options = parseProviderOptions(osvDirSpecSchema, spec, where, FIXES);
    return new OsvDirectorySource({ ...named(options.name), path: options.path });
  },
  npm: (spec, where, deps) => {
    const options = parseProviderOptions(npmSpecSchema, spec, where, FIXES);
    return new NpmAdvisorySource({ ...named(options.name), registryUrl: options['registry-url'], timeoutSeconds: options['timeout-seconds'], retries: options.retries }, deps);
  },
};

/** The advisory source kinds a scan may use. */
export const ADVISORY_SOURCE_KINDS: readonly string[] = Object.keys(SOURCES);

/** One advisory source as configured: a kind, maybe a name, and the kind's options. */
export interface AdvisorySourceSpec {
  kind: string;
  name?: string;
  [option: string]: unknown;
}

/**
 * Builds the advisory sources of `specs` and combines them into one (advisories de-duplicated by id and aliases,
 * every source's problems kept). An unknown kind throws a ConfigurationError listing the known kinds; each kind
 * validates its own options. `where` names the setting the specs came from, for those errors.
 */
export function createAdvisorySources(specs: readonly AdvisorySourceSpec[], deps: AdvisorySourceDeps = {}, where = 'advisory-sources'): AdvisorySource {
  return new CombinedAdvisorySource(
    specs.map((spec, index) => {
      const at = `${where}[${index}]`;
      const factory = Object.hasOwn(SOURCES, spec.kind) ? SOURCES[spec.kind] : undefined;
      if (!factory) {
        const suggestion = closestMatch(String(spec.kind), ADVISORY_SOURCE_KINDS);
        throw new ConfigurationError(
          `${at}.kind`,
          `unknown advisory source kind ${JSON.stringify(spec.kind)}.`,
          `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Known kinds: ${ADVISORY_SOURCE_KINDS.join(', ')}.`,
        );
      }
      return factory(spec, at, deps);
    }),
  );
}

const named = (name: string | undefined) => (name ? { name } : {});
