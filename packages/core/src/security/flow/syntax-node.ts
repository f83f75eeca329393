/** A position in the text: zero-based row, and column in UTF-16 code units (web-tree-sitter parses JS strings as UTF-16). */
export interface SyntaxPoint {
  row: number;
  column: number;
}

/**
 * The part of a concrete syntax tree node the input-flow analysis reads. web-tree-sitter's `Node` satisfies it
 * structurally, so the core needs neither the parser nor its wasm: the adapter parses and hands the root in.
 */
export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly startPosition: SyntaxPoint;
  readonly endPosition: SyntaxPoint;
  readonly children: readonly (SyntaxNode | null)[];
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly parent: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
}
