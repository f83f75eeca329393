import { ConfigurationError } from '@safe-deploy/core';
import type { SecurityScanInputs } from './security-scan-inputs';

/** What the scan looks at: a mode with its commits. */
export interface ScanScope {
  mode: 'tree' | 'diff' | 'history';
  base?: string;
  head?: string;
  /** Why this mode (for the log), when `auto` chose it. */
  why?: string;
}

const ZERO = /^0+$/;

/**
 * Chooses the scan's scope. Decides by: the `mode` input; in `auto`, a pull request (its base and head shas) or a
 * push with a previous commit (`before`..`after`) is scanned as a diff, anything else (schedule, dispatch, a new
 * branch) as the whole tree; explicit `base`/`head` inputs win over the event's. Diff mode without a base is the
 * user's to fix, named with the input.
 */
export function resolveScanScope(inputs: Pick<SecurityScanInputs, 'mode' | 'base' | 'head'>, event: Record<string, unknown>, eventName: string): ScanScope {
  const pr = (event.pull_request ?? undefined) as { base?: { sha?: string }; head?: { sha?: string } } | undefined;
  const before = typeof event.before === 'string' && !ZERO.test(event.before) ? event.before : undefined;
  const after = typeof event.after === 'string' && !ZERO.test(event.after) ? event.after : undefined;
  const eventBase = pr?.base?.sha ?? (eventName === 'push' ? before : undefined);
  const eventHead = pr?.head?.sha ?? (eventName === 'push' ? after : undefined);
  const base = inputs.base ?? eventBase;
  const head = inputs.head ?? eventHead ?? 'HEAD';
  switch (inputs.mode) {
    case 'tree':
      return { mode: 'tree' };
    case 'history':
      return { mode: 'history', ...(inputs.base ? { base: inputs.base } : {}), head };
    case 'diff':
      if (!base) {
        throw new ConfigurationError(`input 'base'`, `diff mode needs the commit the change starts from, and this ${eventName} event does not name one.`, 'Pass base (e.g. `${{ github.event.pull_request.base.sha }}`), or use mode: auto or tree.');
      }
      return { mode: 'diff', base, head };
    default:
      if (base) return { mode: 'diff', base, head, why: pr ? 'a pull request: only the lines it adds' : inputs.base ? 'base was given: only the lines added since' : 'a push: only the lines it adds' };
      return { mode: 'tree', why: `a ${eventName} event without a previous commit: the whole tree` };
  }
}
