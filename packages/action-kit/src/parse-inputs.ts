import { baselineSchema, ConfigurationError, parseDuration, type Baseline } from '@safe-deploy/core';

/** A boolean input: true/false (any case); `fallback` when empty. */
export function parseBooleanInput(name: string, value: string, fallback: boolean): boolean {
  const normalised = value.trim().toLowerCase();
  if (normalised === '') return fallback;
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  throw new ConfigurationError(`input '${name}'`, `expected true or false, got '${value}'.`, `Set ${name} to true or false (or leave it empty for the default).`);
}

/** A whole-number input within bounds; undefined when empty (the policy or default applies). */
export function parseIntegerInput(name: string, value: string, min: number, max: number): number | undefined {
  if (value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigurationError(`input '${name}'`, `expected a whole number from ${min} to ${max}, got '${value}'.`, `Set ${name} to a number such as ${min === 0 ? 3 : min}.`);
  }
  return number;
}

/** A duration input in seconds (`120`, `2m`); undefined when empty. */
export function parseDurationInput(name: string, value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const seconds = parseDuration(value);
  if (seconds === undefined) throw new ConfigurationError(`input '${name}'`, `expected a duration such as 120, 90s or 2m, got '${value}'.`, `Correct ${name}.`);
  return seconds;
}

/** A required input. */
export function requireInput(name: string, value: string, fix: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new ConfigurationError(`input '${name}'`, 'is required but empty.', fix);
  return trimmed;
}

/** An http(s) URL input; undefined when empty. */
export function parseUrlInput(name: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'http:' || url.protocol === 'https:') return trimmed;
  } catch {
    // Reported below.
  }
  throw new ConfigurationError(`input '${name}'`, `expected an http(s) URL, got '${trimmed}'.`, `Set ${name} to a URL such as https://app.example.com/health.`);
}

/** The `baseline` input: the JSON a health-watch `mode: baseline` step outputs; undefined when empty. */
export function parseBaselineInput(value: string): Baseline | undefined {
  if (value.trim() === '') return undefined;
  const fix = 'Pass the `baseline` output of a health-watch step run with mode: baseline.';
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    throw new ConfigurationError(`input 'baseline'`, `is not JSON (${(error as Error).message}).`, fix);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(baseline)'}: ${i.message}`).join('; ');
    throw new ConfigurationError(`input 'baseline'`, `is not a baseline (${problems}).`, fix);
  }
  return parsed.data;
}
