import type { MetricName } from '@safe-deploy/core';
import { checkMetricValue } from './check-metric-value';
import { readJsonPath } from './json-path';
import type { HttpAnswer } from './read-http';
import type { Reading } from './reading';

/** Where a health body keeps one number, and in which unit. */
export interface FieldMapping {
  path: string;
  /** `ratio` (0–1) is scaled to percent; `s` to ms. */
  unit: 'percent' | 'ratio' | 'ms' | 's';
}

/** How to read a health answer: which statuses and status values are healthy, and where the numbers are. */
export interface HealthAnswerShape {
  expectedStatus: readonly number[];
  /** Accepted values of the status field (compared case-insensitively). */
  healthyValues: readonly string[];
  status: string | false;
  errorRate: FieldMapping | false;
  availability: FieldMapping | false;
  responseTime: FieldMapping | false;
  requests: string | false;
  errors: string | false;
}

const SCALE: Record<FieldMapping['unit'], number> = { percent: 1, ratio: 100, ms: 1, s: 1000 };

type Parsed = { kind: 'json'; document: unknown } | { kind: 'empty' } | { kind: 'unreadable'; why: string };

/**
 * Reads a health endpoint's answer (seed 004's shape by default) into readings. Decides `health-check` by the HTTP
 * status being expected and, when a status field is mapped, its value being in the healthy list; `error-rate` and
 * `availability` by the mapped fields (or the request/error counts); `latency-p95` by the response-time field, else
 * the probe's own latency. A body that is not JSON, or a field that is not a sane number, never yields a value.
 */
export function parseHealthAnswer(answer: HttpAnswer, shape: HealthAnswerShape, request: string): Map<MetricName, Reading> {
  const readings = new Map<MetricName, Reading>();
  const parsed = parseBody(answer);
  readings.set('health-check', judgeHealth(answer, parsed, shape, request));

  const counts = readCounts(parsed, shape);
  const rate = (metric: 'error-rate' | 'availability', mapping: FieldMapping | false): Reading => {
    const source = mapping ? `${request} → ${mapping.path}` : request;
    if (parsed.kind === 'unreadable') return { kind: 'error', metric, source, error: parsed.why, attempts: 1 };
    if (parsed.kind === 'empty') return { kind: 'no-data', metric, source, reason: `the body of HTTP ${answer.status} is empty` };
    const fromCounts = counts && counts.requests > 0 ? (100 * (metric === 'error-rate' ? counts.errors : counts.requests - counts.errors)) / counts.requests : undefined;
    const raw = mapping ? readJsonPath(parsed.document, mapping.path) : undefined;
    if (raw === undefined && fromCounts !== undefined) return checkedReading(metric, source, fromCounts, counts);
    if (raw === undefined) return { kind: 'no-data', metric, source, reason: mapping ? `the body has no ${mapping.path}` : 'no field is mapped for it' };
    const value = toNumber(raw);
    if (value === undefined) return { kind: 'error', metric, source, error: `${mapping ? mapping.path : metric} is ${JSON.stringify(raw)}, not a number`, attempts: 1 };
    return checkedReading(metric, source, mapping ? value * SCALE[mapping.unit] : value, counts);
  };
  readings.set('error-rate', rate('error-rate', shape.errorRate));
  readings.set('availability', rate('availability', shape.availability));
  readings.set('latency-p95', readLatency(answer, parsed, shape.responseTime, request));
  return readings;
}

function checkedReading(metric: MetricName, source: string, value: number, counts: { requests: number; errors: number } | undefined): Reading {
  const problem = checkMetricValue(metric, value);
  if (problem) return { kind: 'error', metric, source, error: problem, attempts: 1 };
  const unit = metric === 'latency-p95' ? 'ms' : 'percent';
  return { kind: 'value', metric, source, value, unit, ...(counts && metric === 'error-rate' ? { counts } : {}) };
}

function judgeHealth(answer: HttpAnswer, parsed: Parsed, shape: HealthAnswerShape, request: string): Reading {
  const problems: string[] = [];
  if (!shape.expectedStatus.includes(answer.status)) problems.push(`HTTP ${answer.status}, expected ${shape.expectedStatus.join(' or ')}`);
  let statusText = '';
  if (shape.status !== false) {
    if (parsed.kind !== 'json') problems.push(parsed.kind === 'empty' ? 'empty body' : parsed.why);
    else {
      const status = readJsonPath(parsed.document, shape.status);
      if (status === undefined) problems.push(`no ${shape.status} in the body`);
      else if (!shape.healthyValues.some((ok) => typeof status === 'string' && ok.toLowerCase() === status.toLowerCase())) problems.push(`${shape.status} is ${JSON.stringify(status)}`);
      else statusText = `, ${shape.status} ${JSON.stringify(status)}`;
    }
  }
  const passed = problems.length === 0;
  const evidence = passed ? `HTTP ${answer.status}${statusText}` : problems.join('; ');
  return { kind: 'value', metric: 'health-check', source: `${request} (${evidence})`, value: passed ? 1 : 0, unit: 'boolean' };
}

function readLatency(answer: HttpAnswer, parsed: Parsed, mapping: FieldMapping | false, request: string): Reading {
  const probe = (why: string): Reading => ({ kind: 'value', metric: 'latency-p95', source: `${request} → probe latency (${why})`, value: Math.round(answer.latencyMs * 10) / 10, unit: 'ms' });
  if (!mapping) return probe('no response-time field is mapped');
  if (parsed.kind !== 'json') return probe(`the body has no ${mapping.path}`);
  const raw = readJsonPath(parsed.document, mapping.path);
  if (raw === undefined || raw === null) return probe(`the body has no ${mapping.path}`);
  const source = `${request} → ${mapping.path}`;
  const value = toNumber(raw);
  if (value === undefined) return { kind: 'error', metric: 'latency-p95', source, error: `${mapping.path} is ${JSON.stringify(raw)}, not a number`, attempts: 1 };
  return checkedReading('latency-p95', source, value * SCALE[mapping.unit], undefined);
}

function readCounts(parsed: Parsed, shape: HealthAnswerShape): { requests: number; errors: number } | undefined {
  if (parsed.kind !== 'json' || shape.requests === false || shape.errors === false) return undefined;
  const requests = toNumber(readJsonPath(parsed.document, shape.requests));
  const errors = toNumber(readJsonPath(parsed.document, shape.errors));
  if (requests === undefined || errors === undefined || requests < 0 || errors < 0 || errors > requests) return undefined;
  return { requests, errors };
}

/** A JSON number, or a string holding one (`"1.5"`); NaN and ±Inf pass through so the value check names them. */
function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const trimmed = raw.trim();
    if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(trimmed)) return NaN;
    const value = Number(trimmed);
    return Number.isNaN(value) ? undefined : value;
  }
  return undefined;
}

function parseBody(answer: HttpAnswer): Parsed {
  const text = answer.body.trim();
  if (text === '') return { kind: 'empty' };
  try {
    return { kind: 'json', document: JSON.parse(text) as unknown };
  } catch {
    const type = answer.contentType.split(';')[0]?.trim() || 'no content type';
    return { kind: 'unreadable', why: `the body is not JSON (HTTP ${answer.status}, ${type}: ${JSON.stringify(text.slice(0, 60))})` };
  }
}
