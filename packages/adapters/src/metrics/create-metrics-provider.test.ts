import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ConfigurationError } from '@safe-deploy/core';
import { createMetricsProvider, createMetricsProviders, METRICS_PROVIDER_KINDS, type MetricsProviderConfig } from './create-metrics-provider';

// The policy's `health.providers` list, as a user writes it.
const policy = parse(`
health:
  providers:
    - kind: http
      name: app-health
      url: https://{{environment}}.shop.example/health
    - kind: prometheus
      url: http://prometheus:9090
      window: 5m
    - kind: prometheus-scrape
      url: http://127.0.0.1:8080/metrics
    - kind: command
      name: apm
      command: [node, scripts/apm-metrics.mjs, --track, "{{track}}"]
      metrics: [error-rate, latency-p95]
`) as { health: { providers: MetricsProviderConfig[] } };

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createMetricsProvider', () => {
  it('builds one provider per kind, named by the policy or by its kind', () => {
    const providers = createMetricsProviders(policy.health.providers);
    expect(providers.map((p) => [p.kind, p.name])).toEqual([
      ['http', 'app-health'],
      ['prometheus', 'prometheus'],
      ['prometheus-scrape', 'prometheus-scrape'],
      ['command', 'apm'],
    ]);
    expect(METRICS_PROVIDER_KINDS).toEqual(['http', 'prometheus', 'prometheus-scrape', 'command']);
  });

  it('lists the known kinds for an unknown kind, with a suggestion', () => {
    const error = configurationError(() => createMetricsProvider({ kind: 'promethues', url: 'http://x' }, 4));
    expect(error.where).toBe('health.providers[4].kind');
    expect(error.message).toBe(`health.providers[4].kind: unknown provider kind "promethues". Fix: Did you mean 'prometheus'? Known kinds: http, prometheus, prometheus-scrape, command.`);
  });

  it('does not take inherited names for kinds', () => {
    expect(configurationError(() => createMetricsProvider({ kind: 'toString' }, 0)).where).toBe('health.providers[0].kind');
  });

  it("names the exact path of a mistake in a provider's options", () => {
    const error = configurationError(() => createMetricsProviders([policy.health.providers[0] as MetricsProviderConfig, { kind: 'http' }]));
    expect(error.where).toBe('health.providers[1].url');
    expect(error.message).toContain('is missing');
    expect(error.fix).toContain('url: https://{{environment}}.example.com/health');
  });

  it('refuses two providers with the same name', () => {
    const error = configurationError(() => createMetricsProviders([{ kind: 'prometheus', url: 'http://a:9090' }, { kind: 'prometheus', url: 'http://b:9090' }]));
    expect(error.where).toBe('health.providers[1].name');
    expect(error.fix).toBe('Give each provider its own `name`.');
  });
});
