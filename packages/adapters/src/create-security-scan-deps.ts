import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FLOW_RULES, type Log } from '@safe-deploy/core';
import type { InputFlowAnalyzer, SecurityScanDeps } from '@safe-deploy/operations';
import { createAdvisorySources, type AdvisorySourceSpec } from './advisories/create-advisory-sources';
import { createInputFlowScanner } from './scan/create-input-flow-scanner';
import { GitScanSource } from './scan/git-scan-source';

/** One advisory source as the security scan's `advisories` input names it: a kind and its URL or path. */
export interface AdvisoryInputSpec {
  kind: 'osv-api' | 'osv-dir' | 'npm';
  /** A URL (osv-api, npm) or a path (osv-dir). */
  value?: string;
}

/** What the security scan's real dependencies are built from. */
export interface SecurityScanDepsOptions {
  /** Where output files and the baseline are read and written (GITHUB_WORKSPACE). */
  workspace: string;
  /** The repository root to scan. */
  root: string;
  maxFileBytes: number;
  /** The `advisories` input, parsed. */
  advisories: readonly AdvisoryInputSpec[];
  /** Where the parser's files are (the bundle's `tree-sitter/`). */
  wasmDirectory: string;
  /** Whether the input-flow analysis runs: the parser costs ~0.3 s to start, so it starts only when asked for. */
  inputFlows: boolean;
  log: Log;
}

/**
 * The security scan's real dependencies: git for the source, web-tree-sitter for input flows (a parser that cannot
 * start is reported, not fatal: the other scanners still run), the advisory sources the input names, and files
 * relative to the workspace.
 */
export async function createSecurityScanDeps(options: SecurityScanDepsOptions): Promise<SecurityScanDeps & { files: { read(file: string): Promise<string | undefined>; write(file: string, text: string): Promise<void> }; now: () => Date }> {
  let flows: InputFlowAnalyzer | { unavailable: string } = { unavailable: 'not requested' };
  if (options.inputFlows) {
    try {
      const scanner = await createInputFlowScanner({ wasmDirectory: options.wasmDirectory });
      flows = { rules: FLOW_RULES, supports: (file) => scanner.supports(file), scan: (file, text, scanOptions) => scanner.scan(file, text, scanOptions) };
    } catch (error) {
      flows = { unavailable: error instanceof Error ? error.message : String(error) };
    }
  }
  const specs: AdvisorySourceSpec[] = options.advisories.map((spec) =>
    spec.kind === 'osv-dir' ? { kind: 'osv-dir', path: path.resolve(options.workspace, spec.value ?? '') } : spec.kind === 'npm' ? { kind: 'npm', ...(spec.value ? { 'registry-url': spec.value } : {}) } : { kind: 'osv-api', ...(spec.value ? { url: spec.value } : {}) },
  );
  const resolve = (file: string) => path.resolve(options.workspace, file);
  return {
    source: new GitScanSource({ root: options.root, maxFileBytes: options.maxFileBytes, baseInput: 'base', headInput: 'head' }),
    flows,
    advisories: specs.length ? createAdvisorySources(specs, {}, `input 'advisories'`) : undefined,
    log: options.log,
    files: {
      read: (file) => readFile(resolve(file), 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error))),
      write: async (file, text) => {
        await mkdir(path.dirname(resolve(file)), { recursive: true });
        await writeFile(resolve(file), text);
      },
    },
    now: () => new Date(),
  };
}
