export { FakeMetricsProvider, type FakeMetricsProviderOptions, type ScriptedCall, type ScriptedReading } from './fake-metrics-provider';
export { FakeTrafficRouter } from './fake-traffic-router';
export { InMemoryScanSource, type InMemoryCommit } from './in-memory-scan-source';
