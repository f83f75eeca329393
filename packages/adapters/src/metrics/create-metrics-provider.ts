import { closestMatch, ConfigurationError, type MetricsProvider } from '@safe-deploy/core';
import { CommandProvider } from './command-provider';
import { HttpProvider } from './http-provider';
import type { MetricsProviderDeps } from './metrics-provider-deps';
import { PrometheusProvider } from './prometheus-provider';
import { PrometheusScrapeProvider } from './prometheus-scrape-provider';

/** Builds one provider from its policy entry; `where` is the entry's policy path, for configuration errors. */
export type MetricsProviderFactory = (config: unknown, where: string, deps?: MetricsProviderDeps) => MetricsProvider;

/** The registry: one line per kind. */
const PROVIDERS: Readonly<Record<string, MetricsProviderFactory>> = {
  http: HttpProvider.fromConfig,
  prometheus: PrometheusProvider.fromConfig,
  'prometheus-scrape': PrometheusScrapeProvider.fromConfig,
  command: CommandProvider.fromConfig,
};

/** The provider kinds a policy may use. */
export const METRICS_PROVIDER_KINDS: readonly string[] = Object.keys(PROVIDERS);

/** One `health.providers` entry as the policy schema passes it on: a kind, maybe a name, and the kind's options. */
export interface MetricsProviderConfig {
  kind: string;
  name?: string;
  [option: string]: unknown;
}

/**
 * Builds the provider for `health.providers[index]`. An unknown kind throws a ConfigurationError listing the known
 * kinds (with a "did you mean"); each kind validates its own options and names the exact path of a mistake.
 */
export function createMetricsProvider(config: MetricsProviderConfig, index: number, deps: MetricsProviderDeps = {}): MetricsProvider {
  const where = `health.providers[${index}]`;
  const factory = Object.hasOwn(PROVIDERS, config.kind) ? PROVIDERS[config.kind] : undefined;
  if (!factory) {
    const suggestion = closestMatch(String(config.kind), METRICS_PROVIDER_KINDS);
    throw new ConfigurationError(
      `${where}.kind`,
      `unknown provider kind ${JSON.stringify(config.kind)}.`,
      `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Known kinds: ${METRICS_PROVIDER_KINDS.join(', ')}.`,
    );
  }
  return factory(config, where, deps);
}

/** Builds every provider of `health.providers`; two providers with the same name (or unnamed, of one kind) are a mistake. */
export function createMetricsProviders(configs: readonly MetricsProviderConfig[], deps: MetricsProviderDeps = {}): MetricsProvider[] {
  const seen = new Map<string, number>();
  return configs.map((config, index) => {
    const provider = createMetricsProvider(config, index, deps);
    const earlier = seen.get(provider.name);
    if (earlier !== undefined) {
      throw new ConfigurationError(`health.providers[${index}].name`, `${JSON.stringify(provider.name)} is also the name of health.providers[${earlier}]; measurements would be indistinguishable.`, 'Give each provider its own `name`.');
    }
    seen.set(provider.name, index);
    return provider;
  });
}
