import { sha256 } from '../../text/sha256';
import type { ScanFinding } from '../sarif/scan-finding';
import type { FlowLanguage, FlowLanguageSpec } from './flow-language-spec';
import { FLOW_DANGER, FLOW_RULES } from './flow-rules';
import { flowSyntax } from './flow-syntax';
import { goFlowSpec } from './go-flow-spec';
import { javascriptFlowSpec } from './javascript-flow-spec';
import { pythonFlowSpec } from './python-flow-spec';
import type { SyntaxNode } from './syntax-node';
import { traceInputFlows } from './trace-input-flows';

const SPECS: Readonly<Record<FlowLanguage, FlowLanguageSpec>> = {
  javascript: javascriptFlowSpec,
  typescript: javascriptFlowSpec,
  python: pythonFlowSpec,
  go: goFlowSpec,
};

const ALLOW = /safe-deploy:allow(?:\s+([\w:-]+(?:\s*,\s*[\w:-]+)*))?/;

/** What `scanInputFlows` needs besides the tree: the file's path (for findings), language and text, and the filters. */
export interface ScanInputFlowsOptions {
  path: string;
  language: FlowLanguage;
  text: string;
  /** Diff mode: report only sinks on lines this accepts (1-based). */
  lineFilter?: (line: number) => boolean;
  disabledRules?: readonly string[];
}

/**
 * Finds untrusted input (request fields, event payloads) that reaches a shell, an evaluator, a SQL string or a file
 * path within one function of one parsed file. Decides by the language's sources, sinks and sanitizers
 * (traceInputFlows), `disabledRules`, `lineFilter` on the sink's line, and an inline `safe-deploy:allow [rule-id]`
 * comment on the sink's line. The fingerprint hashes rule, path and the whitespace-normalised sink expression, not
 * the line, so a baselined finding stays baselined when lines move.
 */
export function scanInputFlows(root: SyntaxNode, options: ScanInputFlowsOptions): ScanFinding[] {
  const spec = SPECS[options.language];
  const rules = FLOW_RULES.filter((rule) => !options.disabledRules?.includes(rule.id));
  if (rules.length === 0) return [];
  const lines = options.text.split('\n');
  const findings: ScanFinding[] = [];
  for (const hit of traceInputFlows(root, spec, options.text)) {
    const rule = rules.find((r) => r.id === hit.rule);
    if (!rule) continue;
    const line = hit.sink.startPosition.row + 1;
    if (options.lineFilter && !options.lineFilter(line)) continue;
    if (allowed(lines[line - 1], hit.rule) || allowed(lines[hit.argument.startPosition.row], hit.rule)) continue;
    const column = hit.sink.startPosition.column + 1;
    const sameLine = hit.sink.endPosition.row === hit.sink.startPosition.row;
    const endColumn = sameLine ? hit.sink.endPosition.column + 1 : (lines[line - 1] ?? '').replace(/\r$/, '').length + 1;
    const sinkText = hit.sink.text.replace(/\s+/g, ' ').trim();
    const via = flowSyntax.shorten(hit.argument.text, 40);
    const through = via === hit.taint.source ? '' : ` (as \`${via}\`)`;
    findings.push({
      category: 'input-flow',
      ruleId: hit.rule,
      severity: rule.severity,
      message: `\`${hit.taint.source}\` (line ${hit.taint.line}) reaches \`${sinkName(hit.sink)}\`${through} unvalidated: ${FLOW_DANGER[hit.rule]}. Fix: ${spec.fixes[hit.rule]}.`,
      path: options.path,
      line,
      column,
      endColumn,
      fingerprint: sha256(`${hit.rule}:${options.path}:${sinkText}`),
    });
  }
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

function allowed(lineText: string | undefined, ruleId: string): boolean {
  const allow = lineText === undefined ? null : ALLOW.exec(lineText);
  return Boolean(allow && (!allow[1] || allow[1].split(/\s*,\s*/).includes(ruleId)));
}

/** The sink as a reader recognises it: the callee and `(…)`, e.g. `child_process.exec(…)`. */
function sinkName(sink: SyntaxNode): string {
  const callee = sink.childForFieldName('function') ?? sink.childForFieldName('constructor');
  const name = flowSyntax.shorten(callee?.text ?? sink.text, 50);
  return sink.type === 'new_expression' ? `new ${name}(…)` : `${name}(…)`;
}
