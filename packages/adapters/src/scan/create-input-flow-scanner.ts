import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { mayHaveInputFlows, scanInputFlows, type FlowLanguage, type ScanFinding } from '@safe-deploy/core';
import { pathToFileURL } from 'node:url';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language, Parser } from 'web-tree-sitter';

/** What one file's input-flow scan found, or why it could not be analysed (the file is then reported, not dropped). */
export interface InputFlowScan {
  findings: ScanFinding[];
  problem?: string;
}

/** Parses JS/TS, Python and Go files with tree-sitter and follows request and event input to dangerous sinks. */
export interface InputFlowScanner {
  supports(path: string): boolean;
  scan(path: string, text: string, options?: { lineFilter?: (line: number) => boolean; disabledRules?: readonly string[] }): InputFlowScan;
}

type GrammarFile = 'tree-sitter-typescript.wasm' | 'tree-sitter-tsx.wasm' | 'tree-sitter-python.wasm' | 'tree-sitter-go.wasm';

/** Which grammar parses which extension: the TypeScript grammar rejects JSX and the TSX grammar rejects `<T>x` casts. */
const GRAMMARS: Readonly<Record<string, { grammar: GrammarFile; language: FlowLanguage }>> = {
  ts: { grammar: 'tree-sitter-typescript.wasm', language: 'typescript' },
  mts: { grammar: 'tree-sitter-typescript.wasm', language: 'typescript' },
  cts: { grammar: 'tree-sitter-typescript.wasm', language: 'typescript' },
  tsx: { grammar: 'tree-sitter-tsx.wasm', language: 'typescript' },
  js: { grammar: 'tree-sitter-tsx.wasm', language: 'javascript' },
  jsx: { grammar: 'tree-sitter-tsx.wasm', language: 'javascript' },
  mjs: { grammar: 'tree-sitter-tsx.wasm', language: 'javascript' },
  cjs: { grammar: 'tree-sitter-tsx.wasm', language: 'javascript' },
  py: { grammar: 'tree-sitter-python.wasm', language: 'python' },
  go: { grammar: 'tree-sitter-go.wasm', language: 'go' },
};
const GRAMMAR_PACKAGES: Readonly<Record<GrammarFile, string>> = {
  'tree-sitter-typescript.wasm': 'tree-sitter-typescript',
  'tree-sitter-tsx.wasm': 'tree-sitter-typescript',
  'tree-sitter-python.wasm': 'tree-sitter-python',
  'tree-sitter-go.wasm': 'tree-sitter-go',
};

type TreeSitter = typeof WebTreeSitter;

let runtime: Promise<TreeSitter> | undefined;
const languages = new Map<string, Promise<Language>>();

/**
 * Creates the input-flow scanner: initialises the web-tree-sitter runtime (`tree-sitter.wasm`) and loads the four
 * grammars once each (about 35 ms in all; `scan` is synchronous, so they load here rather than on first use). With
 * `wasmDirectory` all five files come from that one flat directory (the action bundle's `wasm/`); without it from
 * node_modules.
 */
export async function createInputFlowScanner(options: { wasmDirectory?: string } = {}): Promise<InputFlowScanner> {
  const locate = (file: string): string => {
    if (options.wasmDirectory) return path.join(options.wasmDirectory, file);
    const require = createRequire(import.meta.url);
    if (file === 'tree-sitter.wasm') return require.resolve('web-tree-sitter/tree-sitter.wasm');
    const pkg = GRAMMAR_PACKAGES[file as GrammarFile];
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  };
  // web-tree-sitter's ES module is loaded from its own file, never bundled: bundled, its `await import("module")`
  // loses `createRequire` to webpack's namespace interop. The bundle ships the file beside the wasm files.
  const runtimeFile = path.join(path.dirname(locate('tree-sitter.wasm')), 'tree-sitter.js');
  // Failures are not cached: a later call (another wasmDirectory, a fixed install) tries again.
  runtime ??= (import(/* webpackIgnore: true */ pathToFileURL(runtimeFile).href) as Promise<TreeSitter>)
    .then(async (treeSitter) => {
      await treeSitter.Parser.init({ locateFile: (file: string) => locate(file) });
      return treeSitter;
    })
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  const { Language, Parser } = await runtime;
  const loaded = new Map<GrammarFile, Language>();
  for (const grammar of new Set(Object.values(GRAMMARS).map((g) => g.grammar))) {
    const file = locate(grammar);
    let language = languages.get(file);
    if (!language) {
      language = readFile(file).then((bytes) => Language.load(new Uint8Array(bytes)));
      languages.set(file, language);
      language.catch(() => languages.delete(file));
    }
    loaded.set(grammar, await language);
  }
  const parser = new Parser();

  return {
    supports: (file) => grammarOf(file) !== undefined,
    scan(file, text, scanOptions = {}) {
      const entry = grammarOf(file);
      const language = entry && loaded.get(entry.grammar);
      if (!entry || !language || !mayHaveInputFlows(text, entry.language)) return { findings: [] };
      parser.setLanguage(language);
      let tree: ReturnType<Parser['parse']> = null;
      try {
        tree = parser.parse(text);
        if (!tree) return { findings: [], problem: `${file}: the parser returned no tree` };
        return { findings: scanInputFlows(tree.rootNode, { path: file, language: entry.language, text, ...scanOptions }) };
      } catch (error) {
        return { findings: [], problem: `${file}: input-flow analysis failed (${error instanceof Error ? error.message : String(error)})` };
      } finally {
        tree?.delete();
        parser.reset();
      }
    },
  };
}

function grammarOf(file: string): { grammar: GrammarFile; language: FlowLanguage } | undefined {
  if (/\.d\.[mc]?ts$/.test(file)) return undefined;
  const extension = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : GRAMMARS[extension];
}
