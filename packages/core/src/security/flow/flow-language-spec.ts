import type { FlowRuleId } from './flow-rules';
import type { SyntaxNode } from './syntax-node';

/** The languages the input-flow analysis understands (TypeScript includes TSX and plain JavaScript/JSX). */
export type FlowLanguage = 'javascript' | 'typescript' | 'python' | 'go';

/** A call as the analysis sees it, whatever the language's node types. */
export interface FlowCall {
  node: SyntaxNode;
  /** The function expression (`db.query`, `exec`, a lambda). */
  callee: SyntaxNode;
  /** Dotted path of the callee (`child_process.exec`, `os.path.join`); undefined when it is not a plain chain. */
  calleePath?: string;
  /** The last name of the callee (`exec`, `join`); '' when there is none. */
  name: string;
  /** The object a method is called on. */
  receiver?: SyntaxNode;
  /** Positional arguments, in order. */
  args: readonly SyntaxNode[];
  /** Python keyword arguments by name. */
  keywords: ReadonlyMap<string, SyntaxNode>;
  /** `new X(...)`. */
  isNew: boolean;
  /** A tagged template (`sql\`…\``): its holes become bound parameters or escaped text, not raw text. */
  isTagged: boolean;
}

/** A call that is a sink: which rule, which arguments (indexes into `args`) or the receiver carry the dangerous value. */
export interface FlowSink {
  rule: FlowRuleId;
  args: readonly number[];
  receiver?: boolean;
  /** Report only when the value was visibly built into SQL text (generic method names such as `run`, `Get`). */
  requireSql?: boolean;
}

/** Where a destructured or unpacked value goes: a name or member to bind, and the property it is read from. */
export interface FlowTarget {
  node: SyntaxNode;
  key?: string;
  /** Writing one element of a collection (`args[i] = x`): the collection keeps what it had and gains `x`. */
  weak?: boolean;
}

/** A validation fact: when the condition has the value `when`, the value at `path` is safe for the rules in `bits`. */
export interface GuardFact {
  path: string;
  bits: number;
  when: boolean;
}

/** How a condition is built, so guards compose through `!`, `&&` and `||`. */
export type ConditionShape =
  | { kind: 'not'; operand: SyntaxNode }
  | { kind: 'and' | 'or'; left: SyntaxNode; right: SyntaxNode }
  | { kind: 'wrap'; inner: SyntaxNode }
  | { kind: 'facts'; facts: readonly GuardFact[] };

/** How the interpreter treats a node. A node without a shape is visited child by child and carries their union. */
export type NodeShape =
  | { kind: 'skip' }
  | { kind: 'block'; statements: readonly SyntaxNode[] }
  | { kind: 'assign'; targets: readonly SyntaxNode[]; values: readonly SyntaxNode[]; augment?: boolean }
  | { kind: 'if'; initializer?: SyntaxNode; condition: SyntaxNode; consequence?: SyntaxNode; alternatives: readonly SyntaxNode[] }
  | { kind: 'loop'; head: readonly SyntaxNode[]; targets?: readonly SyntaxNode[]; iterable?: SyntaxNode; body?: SyntaxNode; tail?: readonly SyntaxNode[] }
  | { kind: 'branches'; head: readonly SyntaxNode[]; branches: readonly SyntaxNode[] }
  | { kind: 'try'; body?: SyntaxNode; handlers: readonly SyntaxNode[]; finalizer?: SyntaxNode }
  | { kind: 'exit'; values: readonly SyntaxNode[] }
  | { kind: 'function'; params: readonly string[]; body?: SyntaxNode; taintedParams?: ReadonlyMap<string, SyntaxNode>; roles?: ReadonlyMap<string, string> }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: SyntaxNode; also?: readonly SyntaxNode[] }
  | { kind: 'call'; call: FlowCall }
  | { kind: 'choice'; test?: SyntaxNode; options: readonly SyntaxNode[] }
  | { kind: 'clean'; children: readonly SyntaxNode[] }
  | { kind: 'only'; children: readonly SyntaxNode[] };

/** What a value read from a source is: request input, or the event payload file (input once parsed). */
export type SourceKind = 'input' | 'payload-file';

/** Facts the language spec may use: parameter roles in scope (`r` is an `*http.Request`) and file-wide facts (`imports child_process`). */
export interface FlowContext {
  roles: ReadonlyMap<string, string>;
  /** What `fileFacts` found in the file's text, computed once per file. */
  facts: ReadonlySet<string>;
}

/** One language's sources, sinks, sanitizers and syntax, for the language-neutral interpreter. */
export interface FlowLanguageSpec {
  shape(node: SyntaxNode): NodeShape | undefined;
  /** Dotted path of an identifier, member or constant-subscript chain (`req.query.q`); calls in the chain end in `()`. */
  pathOf(node: SyntaxNode): string | undefined;
  /** Whether reading `path` reads untrusted input. */
  sourceOf(path: string, context: FlowContext): SourceKind | undefined;
  /** Whether a call returns untrusted input on its own (`os.getenv('GITHUB_HEAD_REF')`). */
  callSourceOf?(call: FlowCall, context: FlowContext): SourceKind | undefined;
  /** Bits of the rules a call's result is safe for whatever its input (`parseInt` → all; `path.basename` → path). */
  sanitizerOf(call: FlowCall): number;
  /** Whether a call parses the event payload file's text into data (`JSON.parse`, `json.load`). */
  parsesPayload(call: FlowCall): boolean;
  /** Whether a call hands its input to a sink. */
  sinkOf(call: FlowCall, context: FlowContext): FlowSink | undefined;
  /** Variables a call writes its (tainted) input into (`json.NewDecoder(r.Body).Decode(&v)`). */
  outTargets?(call: FlowCall): readonly SyntaxNode[];
  /** The names a binding target (identifier, member, destructuring pattern) writes. */
  targetsOf(target: SyntaxNode): readonly FlowTarget[];
  condition(node: SyntaxNode): ConditionShape | undefined;
  /** Node types that build strings (`+`, templates, f-strings): a tainted one with SQL keywords is SQL text. */
  stringBuildTypes: ReadonlySet<string>;
  /** File-wide facts sinks depend on (which process or file modules the file imports), from the text once per file. */
  fileFacts(text: string): ReadonlySet<string>;
  /** How to fix each rule in this language, for the message. */
  fixes: Readonly<Record<FlowRuleId, string>>;
}
