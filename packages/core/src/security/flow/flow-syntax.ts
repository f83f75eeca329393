import type { ConditionShape, GuardFact } from './flow-language-spec';
import type { SyntaxNode } from './syntax-node';

/** How one grammar spells the expressions a dotted path is read from (`req.query.name`, `r.URL.Query()`). */
export interface PathGrammar {
  /** Node types that are a path's first name (identifiers, `this`). */
  names: readonly string[];
  /** Member access: node type → [object field, property field]. */
  member: Readonly<Record<string, readonly [string, string]>>;
  /** Subscript with a constant key: node type → [object field, index field]. */
  index: Readonly<Record<string, readonly [string, string]>>;
  /** The constant key of a subscript, when it can be part of a path. */
  indexKey(index: SyntaxNode | undefined): string | undefined;
  /** Calls: node type → callee field; `accepts` may refuse one (e.g. a tagged template in JS). */
  call: Readonly<Record<string, string>>;
  acceptsCall?(node: SyntaxNode): boolean;
  /** Node types that wrap an expression without changing it (parentheses, `await`, `as`, `!`). */
  wrappers: readonly string[];
}

/** Helpers over syntax nodes shared by the language specs; all pure. */
export const flowSyntax = {
  /**
   * The dotted path an expression names (`req.query.name`, `request.args.get()`, `r.URL.Query()`), or undefined
   * when it is not one (a computed key, a literal, an operator). Calls end in `()`; constant subscripts become members.
   */
  dottedPath(node: SyntaxNode, grammar: PathGrammar): string | undefined {
    if (grammar.names.includes(node.type)) return node.text;
    const member = grammar.member[node.type];
    if (member) {
      const object = flowSyntax.field(node, member[0]);
      const property = flowSyntax.field(node, member[1]);
      const base = object && flowSyntax.dottedPath(object, grammar);
      return base !== undefined && property ? `${base}.${property.text}` : undefined;
    }
    const index = grammar.index[node.type];
    if (index) {
      const object = flowSyntax.field(node, index[0]);
      const key = grammar.indexKey(flowSyntax.field(node, index[1]));
      const base = object && flowSyntax.dottedPath(object, grammar);
      return base !== undefined && key !== undefined ? `${base}.${key}` : undefined;
    }
    const callee = grammar.call[node.type];
    if (callee) {
      const target = flowSyntax.field(node, callee);
      const base = target && flowSyntax.dottedPath(target, grammar);
      return base !== undefined && (grammar.acceptsCall?.(node) ?? true) ? `${base}()` : undefined;
    }
    if (grammar.wrappers.includes(node.type)) {
      const inner = flowSyntax.kids(node)[0];
      return inner && flowSyntax.dottedPath(inner, grammar);
    }
    return undefined;
  },
  /**
   * The shape of a condition in a C-style grammar (JS/TS, Go): parentheses, `!`, `&&`/`||`, else the facts the
   * language reads from it. `operandField` is where `!x` keeps `x` (`argument` in JS, `operand` in Go).
   */
  cStyleCondition(node: SyntaxNode, operandField: string, factsOf: (node: SyntaxNode) => GuardFact[]): ConditionShape | undefined {
    if (node.type === 'parenthesized_expression') {
      const inner = flowSyntax.kids(node)[0];
      return inner ? { kind: 'wrap', inner } : undefined;
    }
    if (node.type === 'unary_expression' && flowSyntax.operatorOf(node) === '!') {
      const operand = flowSyntax.field(node, operandField);
      return operand ? { kind: 'not', operand } : undefined;
    }
    if (node.type === 'binary_expression') {
      const op = flowSyntax.operatorOf(node);
      const left = flowSyntax.field(node, 'left');
      const right = flowSyntax.field(node, 'right');
      if (left && right && (op === '&&' || op === '||')) return { kind: op === '&&' ? 'and' : 'or', left, right };
    }
    const facts = factsOf(node);
    return facts.length > 0 ? { kind: 'facts', facts } : undefined;
  },
  /** Named children without comments (tree-sitter puts comments anywhere). */
  kids(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const child of node.namedChildren) if (child && child.type !== 'comment') out.push(child);
    return out;
  },
  /** A field's child, or undefined (never null, so results spread into optional properties). */
  field(node: SyntaxNode, name: string): SyntaxNode | undefined {
    return node.childForFieldName(name) ?? undefined;
  },
  /** The anonymous tokens of a node joined by spaces: the operator of a binary or comparison expression. */
  operatorOf(node: SyntaxNode): string {
    const parts: string[] = [];
    for (const child of node.children) if (child && !child.isNamed) parts.push(child.type);
    return parts.join(' ');
  },
  /** The whitespace-normalised text of a node, cut to `max` characters for messages. */
  shorten(text: string, max = 60): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  },
  /** Whether `text` (a string literal's value or a whole expression) reads like SQL. */
  looksLikeSql(text: string): boolean {
    return /\b(?:select\s+(?:[\w*"`]|distinct)|insert\s+into|update\s+[\w"`.]+\s+set|delete\s+from|drop\s+(?:table|database)|where\s+[\w"`.(]|order\s+by|group\s+by)\b/i.test(text);
  },
  /** The last identifier of a receiver's text (`this.pool` → `pool`, `getDb()` → `getDb`). */
  lastName(text: string): string {
    return /([A-Za-z_$][\w$]*)\W*$/.exec(text)?.[1] ?? '';
  },
  /** Whether a program name is a shell (`sh`, `/bin/bash`, `cmd.exe`, `powershell`). */
  isShellProgram(name: string): boolean {
    return /^(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k|c|tc|fi)?sh$|^(?:cmd|cmd\.exe|powershell|pwsh)$/i.test(name);
  },
};
