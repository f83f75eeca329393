import type { Measurement, Track } from '@safe-deploy/core';

type WithoutStamp<T> = T extends unknown ? Omit<T, 'provider' | 'track' | 'at'> : never;

/** One metric as a provider read it, before it is stamped with the provider's name, the track and the time. */
export type Reading = WithoutStamp<Measurement>;

/** Stamps readings into measurements (the provider's name, the track asked for, when it was read). */
export function stampReadings(readings: readonly Reading[], stamp: { provider: string; track: Track; at: string }): Measurement[] {
  return readings.map((reading) => ({ provider: stamp.provider, track: stamp.track, at: stamp.at, ...reading }) as Measurement);
}
