/** A number as people read it in a sentence: at most three significant decimals, no exponent noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return Number(value.toPrecision(3)).toString();
}

/** A metric value with its unit for sentences. */
export function withUnit(value: number, unit: string): string {
  if (unit === 'bytes') return `${formatNumber(value / 1024 / 1024)} MiB`;
  const units: Record<string, string> = { percent: ' %', ms: ' ms', 'per-second': '/s', bytes: ' B', count: '', boolean: '' };
  return `${formatNumber(value)}${units[unit] ?? ''}`;
}
