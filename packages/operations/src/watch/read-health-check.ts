import type { Clock, HealthCheck, Measurement, MetricsProvider, MetricsQuery, Track } from '@safe-deploy/core';

/** Reads every provider for every track at once; a provider that throws anyway becomes an error measurement. */
export async function readHealthCheck(
  providers: MetricsProvider[],
  tracks: Track[],
  query: Omit<MetricsQuery, 'track'>,
  clock: Clock,
): Promise<HealthCheck> {
  const at = clock.now().toISOString();
  const reads = providers.flatMap((provider) =>
    tracks.map(async (track): Promise<Measurement[]> => {
      try {
        return await provider.measure({ ...query, track });
      } catch (error) {
        // Providers report failures as data; this only catches a bug in one, so it cannot pass for healthy.
        return [{ kind: 'error', provider: provider.name, metric: 'health-check', track, at, source: provider.kind, error: `provider failed: ${(error as Error).message}`, attempts: 1 }];
      }
    }),
  );
  return { at, measurements: (await Promise.all(reads)).flat() };
}
