export { FakeMetricsProvider, type FakeMetricsProviderOptions, type ScriptedCall, type ScriptedReading } from './fake-metrics-provider';
