import { describe, expect, it } from '@jest/globals';
import { parseExposition } from './parse-exposition';

// What prom-client prints: `le` first, then the default labels, then the metric's own.
const labelledHistogram = `# HELP http_request_duration_seconds d
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1",track="canary",code="200"} 7
http_request_duration_seconds_bucket{le="+Inf",track="canary",code="200"} 9
http_request_duration_seconds_sum{track="canary",code="200"} 0.5
http_request_duration_seconds_count{track="canary",code="200"} 9
http_request_duration_seconds_bucket{le="0.1",track="canary",code="500"} 0
http_request_duration_seconds_bucket{le="+Inf",track="canary",code="500"} 3
http_request_duration_seconds_sum{track="canary",code="500"} 3.2
http_request_duration_seconds_count{track="canary",code="500"} 3
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 5.4e7
weird{problem="x"} +Inf
broken line here
`;

describe('parseExposition', () => {
  it('keeps every series of a labelled histogram (the parser alone merges them and drops labels)', () => {
    const parsed = parseExposition(labelledHistogram);
    if (!parsed.ok) throw new Error(parsed.problem);
    const buckets = parsed.samples.filter((s) => s.name === 'http_request_duration_seconds_bucket');
    expect(buckets).toEqual([
      { name: 'http_request_duration_seconds_bucket', labels: { le: '0.1', track: 'canary', code: '200' }, value: 7 },
      { name: 'http_request_duration_seconds_bucket', labels: { le: '+Inf', track: 'canary', code: '200' }, value: 9 },
      { name: 'http_request_duration_seconds_bucket', labels: { le: '0.1', track: 'canary', code: '500' }, value: 0 },
      { name: 'http_request_duration_seconds_bucket', labels: { le: '+Inf', track: 'canary', code: '500' }, value: 3 },
    ]);
    expect(parsed.samples.filter((s) => s.name === 'http_request_duration_seconds_count').map((s) => s.value)).toEqual([9, 3]);
  });

  it('reads exponents and infinities, and marks what is not a number as NaN', () => {
    const parsed = parseExposition(labelledHistogram);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.samples.find((s) => s.name === 'process_resident_memory_bytes')?.value).toBe(54_000_000);
    expect(parsed.samples.find((s) => s.name === 'weird')?.value).toBe(Infinity);
    expect(parsed.samples.find((s) => s.name === 'broken')?.value).toBeNaN();
  });

  it('gives no samples for an empty text', () => {
    expect(parseExposition('')).toEqual({ ok: true, samples: [] });
  });
});
