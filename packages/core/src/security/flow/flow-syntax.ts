import type { SyntaxNode } from './syntax-node';

/** Helpers over syntax nodes shared by the language specs; all pure. */
export const flowSyntax = {
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
