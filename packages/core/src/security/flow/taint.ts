import { ALL_FLOW_RULES } from './flow-rules';

/**
 * What the analysis knows about a value that came from outside: where it came from (for the message), which sinks
 * it has been made safe for, whether it is only the *path* of an event payload file (dangerous once parsed), and
 * whether it has been built into text that looks like SQL.
 */
export interface Taint {
  /** The source expression as written, shortened. */
  source: string;
  /** 1-based line of the source. */
  line: number;
  /** Bits of the rules (FLOW_RULE_BITS) this value is safe for. */
  safe: number;
  /** The event payload file's path or raw contents: becomes input once parsed as JSON. */
  payloadFile?: boolean;
  /** Concatenated or formatted into text with SQL keywords. */
  sql?: boolean;
}

/** The taint of a value that may be either `a` or `b` (or built from both): safe only for what both are safe for. */
export function joinTaints(a: Taint | undefined, b: Taint | undefined): Taint | undefined {
  if (!a) return b;
  if (!b) return a;
  const primary = a.payloadFile && !b.payloadFile ? b : a;
  const safe = a.safe & b.safe;
  const payloadFile = Boolean(a.payloadFile && b.payloadFile);
  const sql = Boolean(a.sql || b.sql);
  if (primary.safe === safe && Boolean(primary.payloadFile) === payloadFile && Boolean(primary.sql) === sql) return primary;
  return { source: primary.source, line: primary.line, safe, ...(payloadFile ? { payloadFile } : {}), ...(sql ? { sql } : {}) };
}

/** `taint` made safe for the rules in `bits`; undefined once it is safe for every rule. */
export function sanitizeTaint(taint: Taint | undefined, bits: number): Taint | undefined {
  if (!taint) return undefined;
  const safe = taint.safe | bits;
  return safe === ALL_FLOW_RULES ? undefined : { ...taint, safe };
}
