/**
 * Evaluates an instant PromQL query that yields one number (at `time`, seconds since the epoch, or the server's
 * now); `undefined` when it yields no series. A test uses it to wait until Prometheus has seen what it caused.
 */
export async function queryPrometheus(url: string, promql: string, time?: number): Promise<number | undefined> {
  const query = new URL('/api/v1/query', url);
  query.searchParams.set('query', promql);
  if (time !== undefined) query.searchParams.set('time', String(time));
  const response = await fetch(query, { signal: AbortSignal.timeout(5000) });
  const answer = (await response.json()) as { status: string; error?: string; data?: { result: { value: [number, string] }[] } };
  if (answer.status !== 'success' || !answer.data) throw new Error(`Prometheus rejected ${promql}: ${answer.error ?? response.status}`);
  const [first, ...rest] = answer.data.result;
  if (rest.length > 0) throw new Error(`${promql} returned ${answer.data.result.length} series; expected one`);
  return first ? Number(first.value[1]) : undefined;
}
