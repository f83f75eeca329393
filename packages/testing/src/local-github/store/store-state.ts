import type { LocalGitHubState } from './records';

/** Resource kinds that get their own id sequence. */
export type IdKind = 'repository' | 'deployment' | 'deployment_status' | 'issue' | 'issue_comment' | 'label' | 'commit_status';

// Each kind starts in its own range so a deployment id passed where a status id is expected
// finds nothing instead of silently matching (ids are global per kind, as on GitHub).
const ID_BASE: Record<IdKind, number> = {
  repository: 1_000,
  deployment: 10_000_000,
  deployment_status: 20_000_000,
  issue: 30_000_000,
  issue_comment: 40_000_000,
  label: 50_000_000,
  commit_status: 60_000_000,
};

/** The server's whole mutable state: the dumpable repositories plus the id counters. */
export interface StoreState extends LocalGitHubState {
  counters: Record<IdKind, number>;
}

/** The context every store operation needs: the state and the time "now" as GitHub would stamp it. */
export interface StoreContext {
  state: StoreState;
  now: () => string;
}

/** An empty store. */
export function createStoreState(): StoreState {
  return { repositories: [], counters: { ...ID_BASE } };
}

/** Allocates the next id of a kind. */
export function nextId(state: StoreState, kind: IdKind): number {
  state.counters[kind] += 1;
  return state.counters[kind];
}

/** GitHub's legacy global node id: base64 of `0<len>:<Type><id>`, e.g. MDEwOkRlcGxveW1lbnQx. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** Formats a date the way GitHub does: ISO 8601 in UTC without milliseconds. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
