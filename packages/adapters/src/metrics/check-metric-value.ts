import type { MetricName } from '@safe-deploy/core';

/** Metrics that are shares of a whole: a value above 100 % is a broken source, not a bad service. */
const BOUNDED_PERCENT = new Set<MetricName>(['error-rate', 'availability']);

/**
 * Why a number cannot be a reading of `metric`, or undefined when it can. Decides by finiteness (NaN and ±Inf are
 * never values), sign (no metric here is negative), the 0–100 range of shares, and 0/1 for health checks — so a
 * broken source never produces a value that looks healthy.
 */
export function checkMetricValue(metric: MetricName, value: number): string | undefined {
  if (Number.isNaN(value)) return 'the value is NaN';
  if (!Number.isFinite(value)) return `the value is ${value > 0 ? '+Inf' : '-Inf'}`;
  if (value < 0) return `the value ${value} is negative`;
  if (BOUNDED_PERCENT.has(metric) && value > 100) return `the value ${value} is above 100 %`;
  if (metric === 'health-check' && value !== 0 && value !== 1) return `a health check is 1 or 0, not ${value}`;
  return undefined;
}
