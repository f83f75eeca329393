import { LineCounter, parseDocument, isMap, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { closestMatch } from '../text/closest-match';
import { policySchema, type Policy } from './policy-schema';

/** One problem in the policy file, located and explained. */
export interface PolicyProblem {
  /** `file:line:column`. */
  location: string;
  /** Dotted path of the field, e.g. `rollback.max-attempts` (empty for the whole file). */
  path: string;
  message: string;
  fix: string;
}

/** The outcome of reading a policy: a policy only when there are no errors. */
export interface PolicyParseResult {
  policy: Policy | undefined;
  errors: PolicyProblem[];
  warnings: PolicyProblem[];
}

type PathKey = string | number;

/** Parses and validates the policy file's text; `text === undefined` (no file) gives the defaults. */
export function parsePolicy(text: string | undefined, file: string): PolicyParseResult {
  if (text === undefined || text.trim() === '') {
    return { policy: policySchema.parse({}), errors: [], warnings: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (offset: number | undefined): string => {
    if (offset === undefined) return `${file}:1:1`;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const warnings = doc.warnings.map((warning) => ({
    location: locate(warning.pos[0]),
    path: '',
    message: warning.message,
    fix: 'See the YAML warning above.',
  }));
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => ({
      location: locate(error.pos[0]),
      path: '',
      message: `invalid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      fix: 'Correct the YAML syntax at that position (indentation, quoting, duplicate keys).',
    }));
    return { policy: undefined, errors, warnings };
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      policy: undefined,
      errors: [{ location: locate(0), path: '', message: 'the policy must be a mapping of sections', fix: 'Start the file with sections such as `rollback:` or `canary:`.' }],
      warnings,
    };
  }
  const result = policySchema.safeParse(value);
  if (result.success) return { policy: result.data, errors: [], warnings };
  const errors = result.error.issues.map((issue) => describeIssue(issue, doc, locate));
  return { policy: undefined, errors, warnings };
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, locate: (offset: number | undefined) => string): PolicyProblem {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  const dotted = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    const [first] = issue.keys;
    const node = doc.getIn(path, true);
    const keyNode = isMap(node) ? node.items.find((pair) => isNode(pair.key) && String((pair.key as { value?: unknown }).value) === first)?.key : undefined;
    const offset = isNode(keyNode) ? keyNode.range?.[0] : isNode(node) ? node.range?.[0] : undefined;
    const suggestion = first !== undefined ? closestMatch(first, known) : undefined;
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    return {
      location: locate(offset),
      path: dotted,
      message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${dotted ? ` in ${dotted}` : ''}`,
      fix: `${suggestion ? `Did you mean '${suggestion}'? ` : ''}Known keys here: ${known.join(', ')}.`,
    };
  }
  const node = nearestNode(doc, path);
  return {
    location: locate(node?.range?.[0]),
    path: dotted,
    message: issue.message.replace(/^Invalid input: /, ''),
    fix: fixFor(issue, dotted),
  };
}

function fixFor(issue: z.core.$ZodIssue, path: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Set ${path} to a ${issue.expected}${/received undefined/.test(issue.message) ? ' (it is required here)' : ''}.`;
    case 'invalid_value':
      return `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_small':
      return `Use a value of at least ${String(issue.minimum)} for ${path}.`;
    case 'too_big':
      return `Use a value of at most ${String(issue.maximum)} for ${path}.`;
    default:
      return `Correct ${path || 'the file'} as the message says.`;
  }
}

/** The deepest YAML node that exists along `path` (a missing key points at its parent). */
function nearestNode(doc: Document, path: PathKey[]): { range?: [number, number, number] | null } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return node;
  }
  return doc.contents ?? undefined;
}

/** The keys the schema accepts at `path`, for unknown-key errors. */
function knownKeys(path: PathKey[]): string[] {
  let schema: unknown = policySchema;
  for (const key of path) {
    schema = unwrap(schema);
    const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; valueType?: unknown; element?: unknown } } })._zod?.def;
    if (def?.type === 'object' && def.shape) schema = def.shape[String(key)];
    else if (def?.type === 'record') schema = def.valueType;
    else if (def?.type === 'array') schema = def.element;
    else return [];
  }
  const def = (unwrap(schema) as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def;
  return Object.keys(def?.shape ?? {});
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } } | undefined;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType as typeof current;
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current;
    else break;
  }
  return current;
}
