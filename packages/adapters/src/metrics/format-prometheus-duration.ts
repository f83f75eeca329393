/** Seconds as a PromQL duration: `5m`, `30s`, `1h`, `1500ms`. */
export function formatPrometheusDuration(seconds: number): string {
  const ms = Math.max(1, Math.round(seconds * 1000));
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
