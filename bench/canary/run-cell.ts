// Runs every rollout of one bench cell, seeded from the cell's id so a cell's figures do not depend on which
// process ran it or in which order, and gathers what the tables need.
import { oracleReference, type OracleReference } from './oracle';
import { createRandom } from './random';
import { runRollout, type Method } from './run-rollout';
import type { Cell } from './scenarios';

/** The first look each rollout failed at (0 = never), per method, and the canary requests seen by then. */
export interface MethodRecord {
  looks: number[];
  requests: number[];
}

/** Everything measured in one cell. */
export interface CellResult {
  cell: Cell;
  /** Per method: first failing look of the error-rate metric, of the latency metric, and of either. */
  error: Partial<Record<Method, MethodRecord>>;
  latency: Partial<Record<Method, MethodRecord>>;
  either: Partial<Record<Method, MethodRecord>>;
  /** The engine's first `pass` look per rollout for the cell's metric (0 = never). */
  enginePass: number[];
  /** Canary requests in one interval (the first look's), averaged: the finest grain a per-look judge has. */
  requestsPerLook: number;
  oracle: OracleReference | null;
  seconds: number;
}

const BENCH_SEED = 20_260_101;

/** Simulates `cell.rollouts` rollouts of `cell` and the oracle SPRT's reference. */
export function runCell(cell: Cell): CellResult {
  const started = performance.now();
  const random = createRandom(hash(cell.id) ^ BENCH_SEED);
  const result: CellResult = { cell, error: {}, latency: {}, either: {}, enginePass: [], requestsPerLook: 0, oracle: null, seconds: 0 };
  const record = (into: Partial<Record<Method, MethodRecord>>, method: Method, look: number, canaryRequests: number[]): void => {
    const r = (into[method] ??= { looks: [], requests: [] });
    r.looks.push(look);
    r.requests.push(look > 0 ? (canaryRequests[look - 1] ?? 0) : 0);
  };
  let firstLookRequests = 0;
  for (let i = 0; i < cell.rollouts; i++) {
    const outcome = runRollout(cell, random);
    firstLookRequests += outcome.canaryRequests[0] ?? 0;
    for (const method of Object.keys(outcome.errorFail) as Method[]) {
      if (method === 'engine-d2' && cell.family !== 'bursty') continue;
      const errorOnly = method === 'engine-d2' || method === 'engine-est';
      const e = outcome.errorFail[method];
      const l = cell.latency ? outcome.latencyFail[method === 'engine-est' || method === 'engine-d2' ? 'engine' : method] : 0;
      record(result.error, method, e, outcome.canaryRequests);
      if (cell.latency && !errorOnly) record(result.latency, method, l, outcome.canaryRequests);
      const either = e && l ? Math.min(e, l) : e || l;
      record(result.either, method, either, outcome.canaryRequests);
    }
    result.enginePass.push(cell.family === 'latency' ? outcome.latencyPass : outcome.errorPass);
  }
  result.requestsPerLook = firstLookRequests / cell.rollouts;
  result.oracle = oracleReference(cell, random, 2000);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
