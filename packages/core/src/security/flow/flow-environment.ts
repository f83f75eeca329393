import { joinTaints, type Taint } from './taint';

/**
 * What the interpreter knows at one point of a function: the taint of each variable or member path (`null` = known
 * clean), layered over the enclosing point so a branch copies nothing until it writes; the parameter roles in scope
 * (`r` is an `*http.Request`); and whether this path has left the function (return, throw, continue).
 */
export interface FlowEnvironment {
  vars: Map<string, Taint | null>;
  parent?: FlowEnvironment;
  roles: ReadonlyMap<string, string>;
  exited: boolean;
}

/** A fresh environment for a file's top level. */
export function emptyFlowEnvironment(): FlowEnvironment {
  return { vars: new Map(), roles: new Map(), exited: false };
}

/** The entry for `key` (a name or dotted path): a taint, `null` for known clean, undefined for never written. */
export function lookupFlowVariable(env: FlowEnvironment, key: string): Taint | null | undefined {
  for (let at: FlowEnvironment | undefined = env; at; at = at.parent) {
    const value = at.vars.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A child environment for a branch, a loop body or a nested function (with its own roles). */
export function forkFlowEnvironment(env: FlowEnvironment, roles: ReadonlyMap<string, string> = env.roles): FlowEnvironment {
  return { vars: new Map(), parent: env, roles, exited: env.exited };
}

/**
 * Merges the branches forked from `base` back into it: a variable is tainted after the merge if it is tainted on any
 * branch that did not leave the function, and safe for a rule only if it is safe for it on all of them. When every
 * branch left, so does `base`. Returns whether some variable became tainted (or less safe), for loop re-runs.
 */
export function joinFlowEnvironments(base: FlowEnvironment, branches: readonly FlowEnvironment[]): boolean {
  const live = branches.filter((branch) => !branch.exited);
  if (live.length === 0) {
    base.exited = true;
    return false;
  }
  const keys = new Set<string>();
  for (const branch of live) for (const key of branch.vars.keys()) keys.add(key);
  let changed = false;
  for (const key of keys) {
    const before = lookupFlowVariable(base, key);
    let merged: Taint | undefined;
    for (const branch of live) merged = joinTaints(merged, lookupFlowVariable(branch, key) ?? undefined);
    if (merged && (!before || merged.safe !== before.safe)) changed = true;
    base.vars.set(key, merged ?? null);
  }
  return changed;
}
